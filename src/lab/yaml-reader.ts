// Typed reads from a YAML document that remember where each value came from, so every
// complaint about a lab names the file and line an author has to fix.

import { isMap, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { LabError } from './errors';

export class YamlReader {
  /** A parameterised lab writes numbers as "{{n}}" (valid YAML before substitution), so after
   * substitution a number field also takes a string holding a number. */
  numericStrings = false;

  constructor(
    readonly file: string,
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  line(node: Node | null | undefined): number | undefined {
    const offset = node?.range?.[0];
    return offset === undefined ? undefined : this.lines.linePos(offset).line;
  }

  fail(node: Node | null | undefined, reason: string): never {
    throw new LabError(this.file, this.line(node), reason);
  }

  /** The plain JSON value of a node (anchors and aliases resolved). */
  js(node: Node): unknown {
    return node.toJS(this.doc);
  }

  map(node: Node | null | undefined, what: string): YAMLMap<Scalar, Node> {
    if (!isMap(node)) this.fail(node, `${what} must be a mapping, got ${describe(node)}`);
    return node as YAMLMap<Scalar, Node>;
  }

  seq(node: Node | null | undefined, what: string): YAMLSeq<Node> {
    if (!isSeq(node)) this.fail(node, `${what} must be a list, got ${describe(node)}`);
    return node as YAMLSeq<Node>;
  }

  /** The map's entries by key; a key outside `allowed` is an error at that key's line. */
  fields(node: Node | null | undefined, what: string, allowed: readonly string[]): Fields {
    const m = this.map(node, what);
    const out = new Map<string, Pair<Scalar, Node>>();
    for (const pair of m.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      if (key === undefined) this.fail(pair.key as Node, `${what} has a key that is not a plain name`);
      if (!allowed.includes(key)) {
        this.fail(pair.key, `unknown field "${key}" in ${what} (allowed: ${allowed.join(', ')})`);
      }
      out.set(key, pair);
    }
    return new Fields(this, m, what, out);
  }
}

export class Fields {
  constructor(
    private readonly r: YamlReader,
    readonly node: YAMLMap<Scalar, Node>,
    readonly what: string,
    private readonly entries: Map<string, Pair<Scalar, Node>>,
  ) {}

  has(key: string): boolean {
    const v = this.entries.get(key)?.value;
    return v !== undefined && v !== null && !(isScalar(v) && v.value === null);
  }

  keys(): string[] {
    return [...this.entries.keys()];
  }

  node_(key: string): Node | undefined {
    return this.entries.get(key)?.value ?? undefined;
  }

  /** The key's node for errors about a present field, else the map itself. */
  at(key: string): Node {
    return (this.entries.get(key)?.key as Node | undefined) ?? this.node;
  }

  missing(key: string): never {
    return this.r.fail(this.node, `${this.what} is missing required field "${key}"`);
  }

  string(key: string): string | undefined {
    if (!this.has(key)) return undefined;
    const v = this.node_(key) as Node;
    if (!isScalar(v) || typeof v.value !== 'string') this.r.fail(v, `${this.what}.${key} must be a string, got ${describe(v)}`);
    return v.value as string;
  }

  requiredString(key: string): string {
    const s = this.string(key);
    if (s === undefined) this.missing(key);
    if (s.trim() === '') this.r.fail(this.node_(key), `${this.what}.${key} must not be empty`);
    return s;
  }

  number(key: string, opts: { integer?: boolean; min?: number } = {}): number | undefined {
    if (!this.has(key)) return undefined;
    const v = this.node_(key) as Node;
    const raw = isScalar(v) ? v.value : undefined;
    const n = typeof raw === 'string' && this.r.numericStrings && /^-?\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw) : raw;
    if (typeof n !== 'number' || !Number.isFinite(n)) {
      this.r.fail(v, `${this.what}.${key} must be a number, got ${describe(v)}`);
    }
    if (opts.integer && !Number.isInteger(n)) this.r.fail(v, `${this.what}.${key} must be a whole number, got ${n}`);
    if (opts.min !== undefined && n < opts.min) this.r.fail(v, `${this.what}.${key} must be at least ${opts.min}, got ${n}`);
    return n;
  }

  boolean(key: string): boolean {
    const v = this.node_(key) as Node;
    if (!isScalar(v) || typeof v.value !== 'boolean') this.r.fail(v, `${this.what}.${key} must be true or false, got ${describe(v)}`);
    return v.value as boolean;
  }

  oneOf<T extends string>(key: string, values: readonly T[]): T | undefined {
    const s = this.string(key);
    if (s !== undefined && !values.includes(s as T)) {
      this.r.fail(this.node_(key), `${this.what}.${key} must be one of: ${values.join(' | ')}; got "${s}"`);
    }
    return s as T | undefined;
  }

  stringList(key: string): string[] | undefined {
    if (!this.has(key)) return undefined;
    const seq = this.r.seq(this.node_(key), `${this.what}.${key}`);
    return seq.items.map((item, i) => {
      if (!isScalar(item) || typeof item.value !== 'string') this.r.fail(item, `${this.what}.${key}[${i}] must be a string, got ${describe(item)}`);
      return item.value as string;
    });
  }

  stringMap(key: string): Record<string, string> | undefined {
    if (!this.has(key)) return undefined;
    const m = this.r.map(this.node_(key), `${this.what}.${key}`);
    const out: Record<string, string> = {};
    for (const pair of m.items) {
      const v = pair.value as Node | null;
      if (!isScalar(v) || typeof v.value !== 'string') this.r.fail(v ?? (pair.key as Node), `${this.what}.${key}.${String((pair.key as Scalar).value)} must be a string, got ${describe(v)}`);
      out[String((pair.key as Scalar).value)] = v.value as string;
    }
    return out;
  }

  /** Any YAML value as plain JSON (manifests, `equals:` values). */
  value(key: string): unknown {
    const n = this.node_(key);
    return n === undefined ? undefined : this.r.js(n);
  }
}

export function describe(node: Node | null | undefined): string {
  if (node === null || node === undefined) return 'nothing';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    const v = node.value;
    if (v === null) return 'null';
    if (typeof v === 'string') return `string "${v.length > 40 ? v.slice(0, 40) + '…' : v}"`;
    return `${typeof v} ${String(v)}`;
  }
  return 'an alias';
}
