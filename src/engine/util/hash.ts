// Hashes the controllers use for names: fnv-1a 32 over a stable serialisation, encoded with
// apimachinery's SafeEncodeString (each decimal digit mapped into a vowel-free alphabet).

const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

export function fnv32a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i) & 0xff;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export function safeEncode(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += ALPHANUMS[s.charCodeAt(i) % ALPHANUMS.length];
  return out;
}

/** JSON with object keys sorted, so equal objects hash equally whatever their key order. */
export function stableStringify(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableStringify).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${stableStringify(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/** The pod-template-hash / controller-revision-hash of a pod template. */
export function templateHash(template: unknown, collisionCount = 0): string {
  return safeEncode(String(fnv32a(stableStringify(template) + (collisionCount ? String(collisionCount) : ''))));
}

/** Deterministic hex of any length from a seed string (image digests, fake key material). */
export function hexFrom(seed: string, length: number): string {
  let out = '';
  let h = fnv32a(seed);
  while (out.length < length) {
    h = fnv32a(h.toString(16) + seed);
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, length);
}
