// kubectl.kubernetes.io/last-applied-configuration: the applied manifest as compact JSON
// (keys sorted, as Go marshals an unstructured map, namespace filled in), with a trailing newline.

import type { KubeObject } from '../../../engine/api/types';
import { goJson } from '../printers/jsonpath';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

export function lastAppliedAnnotation(obj: KubeObject): Record<string, string> {
  const copy = structuredClone(obj);
  const annotations = { ...(copy.metadata?.annotations ?? {}) };
  delete annotations[LAST_APPLIED];
  // kubectl resets the annotations map before encoding, so an unannotated object records `"annotations":{}`.
  copy.metadata = { ...(copy.metadata ?? {}), annotations };
  return { [LAST_APPLIED]: goJson(copy) + '\n' };
}
