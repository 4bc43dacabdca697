// How kubectl picks a pod's container when none is named (staging/.../kubectl/pkg/cmd/util/podcmd):
// the first regular container, with a note on stderr when the pod has any other container.

import type { Container, Pod } from '../../engine/api/types';

/** Ephemeral containers have a Container's name (the pod spec type leaves them untyped). */
function ephemeral(pod: Pod): Container[] {
  return (pod.spec.ephemeralContainers ?? []) as Container[];
}

/** Every container of the pod: regular ones, then ephemeral " (ephem)", then init " (init)", as kubectl lists them. */
export function allContainerNames(pod: Pod): string {
  return [
    ...pod.spec.containers.map((c) => c.name),
    ...ephemeral(pod).map((c) => `${c.name} (ephem)`),
    ...(pod.spec.initContainers ?? []).map((c) => `${c.name} (init)`),
  ].join(', ');
}

/**
 * The `Defaulted container "X" out of: …` line kubectl logs/exec/attach print when they fall back
 * to the first container of a pod that has more than one container, or any init or ephemeral
 * container; '' when the pod has only that one container.
 */
export function defaultedContainerNotice(pod: Pod, chosen: string): string {
  const others = pod.spec.containers.length > 1 || (pod.spec.initContainers?.length ?? 0) > 0 || ephemeral(pod).length > 0;
  return others ? `Defaulted container "${chosen}" out of: ${allContainerNames(pod)}\n` : '';
}
