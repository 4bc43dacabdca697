// The VolumeBinding plugin. PreFilter: a pod whose PersistentVolumeClaims do not exist, or
// are unbound with immediate binding, is rejected before any node is looked at. Filter: a
// bound claim's volume must be reachable from the node (its node affinity); an unbound
// WaitForFirstConsumer claim needs a dynamic provisioner or a free volume the node reaches.
// PreBind: such claims get the chosen node (volume.kubernetes.io/selected-node), and the pod
// waits unbound until the provisioner and the PV binder have bound them.

import type { ApiServer } from '../api/store';
import type { ResourceType } from '../api/resources';
import type { KubeObject, Node, Pod } from '../api/types';
import { matchesTerm } from './plugins';
import { ephemeralClaimNotForPod, podClaimNames } from '../util/ephemeral';

export const SELECTED_NODE = 'volume.kubernetes.io/selected-node';
const NO_PROVISIONER = 'kubernetes.io/no-provisioner';

type NodeSelectorTerm = Parameters<typeof matchesTerm>[0];

interface Claim extends KubeObject {
  spec: { storageClassName?: string | null; volumeName?: string; accessModes?: string[]; resources?: { requests?: { storage?: string } } };
  status?: { phase?: string };
}

interface Volume extends KubeObject {
  spec: { storageClassName?: string; claimRef?: unknown; nodeAffinity?: { required?: { nodeSelectorTerms?: NodeSelectorTerm[] } }; accessModes?: string[] };
  status?: { phase?: string };
}

interface Class extends KubeObject {
  provisioner?: string;
  volumeBindingMode?: string;
}

function claimNames(pod: Pod): string[] {
  return podClaimNames(pod).map((c) => c.name);
}

function claimsOf(api: ApiServer, pod: Pod): { name: string; claim: Claim | undefined }[] {
  const t = api.lookup('persistentvolumeclaims') as ResourceType;
  return claimNames(pod).map((name) => ({ name, claim: api.tryGet<Claim>(t, pod.metadata.namespace, name) }));
}

function classOf(api: ApiServer, claim: Claim): Class | undefined {
  const name = claim.spec.storageClassName;
  return name ? api.tryGet<Class>(api.lookup('storageclasses') as ResourceType, undefined, name) : undefined;
}

function delayed(api: ApiServer, claim: Claim): boolean {
  return classOf(api, claim)?.volumeBindingMode === 'WaitForFirstConsumer';
}

function bound(claim: Claim): boolean {
  return claim.status?.phase === 'Bound';
}

/** The PreFilter's rejection message, or undefined when the pod may be tried on nodes. */
export function volumeBindingPreFilter(api: ApiServer, pod: Pod): string | undefined {
  const names = podClaimNames(pod);
  if (names.length === 0) return undefined;
  const t = api.lookup('persistentvolumeclaims') as ResourceType;
  let unbound = false;
  for (const { name, ephemeral } of names) {
    const claim = api.tryGet<Claim>(t, pod.metadata.namespace, name);
    // A generic ephemeral volume's claim is normally missing just after the pod is created.
    if (!claim) return ephemeral ? `waiting for ephemeral volume controller to create the persistentvolumeclaim "${name}"` : `persistentvolumeclaim "${name}" not found`;
    if (claim.metadata.deletionTimestamp) return `persistentvolumeclaim "${name}" is being deleted`;
    const foreign = ephemeral ? ephemeralClaimNotForPod(pod, claim) : undefined;
    if (foreign) return foreign;
    if (!bound(claim) && !delayed(api, claim)) unbound = true;
  }
  return unbound ? 'pod has unbound immediate PersistentVolumeClaims' : undefined;
}

function reaches(pv: Volume, node: Node): boolean {
  const terms = pv.spec.nodeAffinity?.required?.nodeSelectorTerms;
  return !terms?.length || terms.some((t) => matchesTerm(t, node));
}

/** The Filter: for each node, why the pod's volumes rule it out (undefined: they do not). */
export function volumeBindingFilter(api: ApiServer, pod: Pod): ((node: Node) => string | undefined) | undefined {
  const claims = claimsOf(api, pod).map((c) => c.claim).filter((c): c is Claim => !!c);
  if (claims.length === 0) return undefined;
  const pvType = api.lookup('persistentvolumes') as ResourceType;
  const pvs = api.list<Volume>(pvType);
  return (node) => {
    for (const claim of claims) {
      if (bound(claim)) {
        const pv = pvs.find((v) => v.metadata.name === claim.spec.volumeName);
        if (pv && !reaches(pv, node)) return 'node(s) had volume node affinity conflict';
        continue;
      }
      const selected = claim.metadata.annotations?.[SELECTED_NODE];
      if (selected && selected !== node.metadata.name) return "node(s) didn't find available persistent volumes to bind";
      if (classOf(api, claim)?.provisioner !== NO_PROVISIONER) continue;
      const free = pvs.some((v) => !v.spec.claimRef && v.status?.phase === 'Available' && (v.spec.storageClassName ?? '') === (claim.spec.storageClassName ?? '') && (claim.spec.accessModes ?? []).every((m) => (v.spec.accessModes ?? []).includes(m)) && reaches(v, node));
      if (!free) return "node(s) didn't find available persistent volumes to bind";
    }
    return undefined;
  };
}

/**
 * The PreBind: hands the chosen node to the pod's unbound delayed-binding claims. True when
 * every claim is bound and the pod can be bound now; false while it waits for its volumes.
 */
export function volumeBindingPreBind(api: ApiServer, pod: Pod, nodeName: string): boolean {
  let ready = true;
  for (const { claim } of claimsOf(api, pod)) {
    if (!claim || bound(claim)) continue;
    ready = false;
    if (claim.metadata.annotations?.[SELECTED_NODE]) continue;
    try {
      api.update({ ...claim, metadata: { ...claim.metadata, annotations: { ...(claim.metadata.annotations ?? {}), [SELECTED_NODE]: nodeName } } });
    } catch {
      // Changed meanwhile: the next attempt sees it.
    }
  }
  return ready;
}

/** A signature of the pod's claims: the scheduler retries an unschedulable pod when it changes. */
export function claimsSignature(api: ApiServer, pod: Pod): string {
  const names = claimNames(pod);
  if (names.length === 0) return '';
  const t = api.lookup('persistentvolumeclaims') as ResourceType;
  return names.map((n) => api.tryGet(t, pod.metadata.namespace, n)?.metadata.resourceVersion ?? '-').join(',');
}
