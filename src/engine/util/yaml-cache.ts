// YAML parsing by content: the kubelet re-reads its config and manifest files whenever any file
// on the host changed, and every world built from one spec holds the same texts. Parsing each
// distinct text once keeps both cheap. Results are shared: callers must not mutate them.

import { parse } from 'yaml';

const parsed = new Map<string, { value: unknown } | { error: Error }>();
const LIMIT = 512;

/** `parse(text)` from the yaml package, memoised; a text that fails throws the same error again. */
export function parseYamlCached(text: string): unknown {
  let hit = parsed.get(text);
  if (!hit) {
    try {
      hit = { value: parse(text) as unknown };
    } catch (e) {
      hit = { error: e as Error };
    }
    // Bounded: learners' edits make new texts; old ones are simply parsed again if they return.
    if (parsed.size >= LIMIT) parsed.clear();
    parsed.set(text, hit);
  }
  if ('error' in hit) throw hit.error;
  return hit.value;
}
