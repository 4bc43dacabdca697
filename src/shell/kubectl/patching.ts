// The three patch flavours the API server accepts: JSON merge patch (RFC 7386), strategic
// merge patch (lists of named things merge by their merge key, `$patch` directives), and
// JSON patch (RFC 6902) — plus the two-way diff `kubectl edit` sends.

import { CmdError } from './errors';
import { mergePatch } from './cmd/run';

export { mergePatch };

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The merge key of the lists the core types declare with patchStrategy=merge. */
function mergeKeyFor(field: string, items: unknown[]): string | undefined {
  switch (field) {
    case 'containers':
    case 'initContainers':
    case 'ephemeralContainers':
    case 'env':
    case 'volumes':
    case 'imagePullSecrets':
      return 'name';
    case 'volumeMounts':
      return 'mountPath';
    case 'volumeDevices':
      return 'devicePath';
    case 'hostAliases':
      return 'ip';
    case 'conditions':
      return 'type';
    case 'ports':
      // Container ports merge by containerPort, Service ports by port.
      return items.some((i) => isObj(i) && 'containerPort' in i) ? 'containerPort' : 'port';
    default:
      return undefined;
  }
}

/** Applies a strategic merge patch to `target` (neither is modified). */
export function strategicMerge(target: unknown, patch: unknown): unknown {
  if (!isObj(patch)) return structuredClone(patch);
  if (patch.$patch === 'replace') {
    const copy = { ...patch };
    delete copy.$patch;
    return structuredClone(copy);
  }
  if (patch.$patch === 'delete') return undefined;
  const out: Json = isObj(target) ? structuredClone(target) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$')) continue;
    if (v === null) { delete out[k]; continue; }
    if (Array.isArray(v)) {
      const key = mergeKeyFor(k, v);
      out[k] = key && Array.isArray(out[k]) ? mergeList(out[k] as unknown[], v, key) : structuredClone(v.filter((x) => !(isObj(x) && x.$patch)));
      continue;
    }
    const merged = strategicMerge(out[k], v);
    if (merged === undefined) delete out[k];
    else out[k] = merged;
  }
  return out;
}

function mergeList(current: unknown[], patch: unknown[], key: string): unknown[] {
  if (patch.some((p) => isObj(p) && p.$patch === 'replace')) return structuredClone(patch.filter((p) => !(isObj(p) && p.$patch)));
  const out = structuredClone(current);
  for (const p of patch) {
    if (!isObj(p) || !(key in p)) { out.push(structuredClone(p)); continue; }
    const i = out.findIndex((c) => isObj(c) && c[key] === p[key]);
    if (p.$patch === 'delete') { if (i >= 0) out.splice(i, 1); continue; }
    if (i >= 0) out[i] = strategicMerge(out[i], p);
    else out.push(strategicMerge({}, p));
  }
  return out;
}

/** The merge patch that turns `original` into `modified` (lists are sent whole). */
export function twoWayMergePatch(original: unknown, modified: unknown): Json {
  const out: Json = {};
  const o = isObj(original) ? original : {};
  const m = isObj(modified) ? modified : {};
  for (const k of Object.keys(o)) if (!(k in m)) out[k] = null;
  for (const [k, v] of Object.entries(m)) {
    const before = o[k];
    if (JSON.stringify(before) === JSON.stringify(v)) continue;
    out[k] = isObj(v) && isObj(before) ? twoWayMergePatch(before, v) : structuredClone(v);
  }
  return out;
}

// --- JSON patch (RFC 6902) ----------------------------------------------------------------

interface Op { op?: unknown; path?: unknown; value?: unknown; from?: unknown }

/** kube-apiserver answers a JSON patch that cannot apply with 422 and this wording. */
const UNPROCESSABLE = 'The request is invalid: the server rejected our request due to an error in our request';

function pointer(path: unknown): string[] {
  if (typeof path !== 'string') throw new CmdError(UNPROCESSABLE);
  if (path === '') return [];
  return path.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function parentOf(doc: unknown, parts: string[]): { parent: Json | unknown[]; last: string } {
  let cur: unknown = doc;
  for (const p of parts.slice(0, -1)) {
    if (Array.isArray(cur)) cur = cur[Number(p)];
    else if (isObj(cur)) cur = cur[p];
    else cur = undefined;
    if (cur === undefined) throw new CmdError(UNPROCESSABLE);
  }
  if (!isObj(cur) && !Array.isArray(cur)) throw new CmdError(UNPROCESSABLE);
  return { parent: cur, last: parts[parts.length - 1] as string };
}

function getAt(doc: unknown, parts: string[]): unknown {
  let cur = doc;
  for (const p of parts) {
    cur = Array.isArray(cur) ? cur[Number(p)] : isObj(cur) ? cur[p] : undefined;
    if (cur === undefined) throw new CmdError(UNPROCESSABLE);
  }
  return cur;
}

function add(doc: unknown, parts: string[], value: unknown): unknown {
  if (!parts.length) return value;
  const { parent, last } = parentOf(doc, parts);
  if (Array.isArray(parent)) {
    const i = last === '-' ? parent.length : Number(last);
    if (!/^\d+$/.test(last) && last !== '-') throw new CmdError(UNPROCESSABLE);
    if (i > parent.length) throw new CmdError(UNPROCESSABLE);
    parent.splice(i, 0, value);
  } else parent[last] = value;
  return doc;
}

function remove(doc: unknown, parts: string[]): unknown {
  const { parent, last } = parentOf(doc, parts);
  if (Array.isArray(parent)) {
    const i = Number(last);
    if (!/^\d+$/.test(last) || i >= parent.length) throw new CmdError(UNPROCESSABLE);
    parent.splice(i, 1);
  } else {
    if (!(last in parent)) throw new CmdError(UNPROCESSABLE);
    delete parent[last];
  }
  return doc;
}

/** Applies an RFC 6902 patch; the errors are the API server's. */
export function jsonPatch(target: unknown, patch: unknown): unknown {
  if (!Array.isArray(patch)) throw new CmdError(`Error from server (BadRequest): json: cannot unmarshal ${isObj(patch) ? 'object' : typeof patch} into Go value of type jsonpatch.Patch`);
  let doc = structuredClone(target);
  for (const raw of patch as Op[]) {
    if (!isObj(raw)) throw new CmdError(UNPROCESSABLE);
    const parts = pointer(raw.path);
    switch (raw.op) {
      case 'add': doc = add(doc, parts, structuredClone(raw.value)); break;
      case 'remove': doc = remove(doc, parts); break;
      case 'replace': getAt(doc, parts); doc = add(remove(doc, parts), parts, structuredClone(raw.value)); break;
      case 'move': { const from = pointer(raw.from); const v = getAt(doc, from); doc = add(remove(doc, from), parts, v); break; }
      case 'copy': doc = add(doc, parts, structuredClone(getAt(doc, pointer(raw.from)))); break;
      case 'test':
        if (JSON.stringify(getAt(doc, parts)) !== JSON.stringify(raw.value)) throw new CmdError(UNPROCESSABLE);
        break;
      default:
        throw new CmdError(`Error from server (BadRequest): Unexpected kind: ${String(raw.op)}`);
    }
  }
  return doc;
}

/**
 * `value` with its object keys in the order `like` has them (new keys last). JSON objects are
 * unordered, but the engine's update validation compares specs as strings, so a manifest read
 * back from YAML (keys sorted) must not look changed merely by its key order.
 */
export function alignKeys<T>(value: T, like: unknown): T {
  if (Array.isArray(value)) return value.map((v, i) => alignKeys(v, Array.isArray(like) ? like[i] : undefined)) as T;
  if (!isObj(value)) return value;
  const ref = isObj(like) ? like : {};
  const out: Json = {};
  for (const k of Object.keys(ref)) if (k in value) out[k] = alignKeys(value[k], ref[k]);
  for (const k of Object.keys(value)) if (!(k in out)) out[k] = alignKeys(value[k], undefined);
  return out as T;
}
