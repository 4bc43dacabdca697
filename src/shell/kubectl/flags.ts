// Flag parsing with cobra/pflag's rules: `--flag=value`, `--flag value`, `-n ns`, `-nns`,
// `-n=ns`, `-oyaml`, combined bool shorthands (`-it`), `--` ending flags, and pflag's error
// texts ("unknown flag: --foo", "unknown shorthand flag: 'z' in -z").

export type FlagType = 'bool' | 'string' | 'int' | 'strings' | 'array';

export interface FlagDef {
  type: FlagType;
  short?: string;
  /** Value a bare `--flag` takes for a non-bool flag (pflag's NoOptDefVal, e.g. --dry-run → unchanged). */
  noOptDefault?: string;
}

export type FlagSpec = Record<string, FlagDef>;

/** Flags every kubectl command accepts (cobra's persistent flags on the root command). */
export const GLOBAL_FLAGS: FlagSpec = {
  namespace: { type: 'string', short: 'n' },
  kubeconfig: { type: 'string' },
  context: { type: 'string' },
  cluster: { type: 'string' },
  user: { type: 'string' },
  as: { type: 'string' },
  'as-group': { type: 'array' },
  'as-uid': { type: 'string' },
  server: { type: 'string', short: 's' },
  token: { type: 'string' },
  'request-timeout': { type: 'string' },
  'insecure-skip-tls-verify': { type: 'bool' },
  'certificate-authority': { type: 'string' },
  'client-certificate': { type: 'string' },
  'client-key': { type: 'string' },
  'tls-server-name': { type: 'string' },
  'match-server-version': { type: 'bool' },
  'cache-dir': { type: 'string' },
  'disable-compression': { type: 'bool' },
  'warnings-as-errors': { type: 'bool' },
  v: { type: 'int', short: 'v' },
  help: { type: 'bool', short: 'h' },
};

export class FlagError extends Error {}

export class Flags {
  constructor(readonly values: Map<string, string[]>, readonly spec: FlagSpec) {}

  has(name: string): boolean {
    return this.values.has(name);
  }

  string(name: string, fallback = ''): string {
    const v = this.values.get(name);
    return v && v.length ? (v[v.length - 1] as string) : fallback;
  }

  bool(name: string): boolean {
    return this.string(name, 'false') === 'true';
  }

  int(name: string, fallback: number): number {
    return this.values.has(name) ? Number(this.string(name)) : fallback;
  }

  list(name: string): string[] {
    return this.values.get(name) ?? [];
  }
}

export interface ParsedArgs {
  flags: Flags;
  args: string[];
  /** How many positional args came before `--` (cobra's ArgsLenAtDash), or -1. */
  argsLenAtDash: number;
}

const BOOL_WORDS: Record<string, string> = { true: 'true', false: 'false', '1': 'true', '0': 'false', t: 'true', f: 'false', T: 'true', F: 'false', TRUE: 'true', FALSE: 'false', True: 'true', False: 'false' };

export function parseFlags(argv: string[], spec: FlagSpec): ParsedArgs {
  const all: FlagSpec = { ...GLOBAL_FLAGS, ...spec };
  const byShort = new Map<string, string>();
  for (const [name, def] of Object.entries(all)) if (def.short) byShort.set(def.short, name);
  const values = new Map<string, string[]>();
  const args: string[] = [];
  let argsLenAtDash = -1;

  const set = (name: string, def: FlagDef, raw: string, shown: string): void => {
    let value = raw;
    if (def.type === 'bool') {
      const b = BOOL_WORDS[raw];
      if (b === undefined) throw new FlagError(`invalid argument "${raw}" for "${shown}" flag: strconv.ParseBool: parsing "${raw}": invalid syntax`);
      value = b;
    } else if (def.type === 'int' && !/^[+-]?\d+$/.test(raw)) {
      throw new FlagError(`invalid argument "${raw}" for "${shown}" flag: strconv.ParseInt: parsing "${raw}": invalid syntax`);
    }
    const prev = values.get(name) ?? [];
    if (def.type === 'strings') values.set(name, [...prev, ...(raw === '' ? [] : splitCsv(raw))]);
    else if (def.type === 'array') values.set(name, [...prev, value]);
    else values.set(name, [value]);
  };

  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--') {
      argsLenAtDash = args.length;
      args.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      const def = all[name];
      if (!def) throw new FlagError(`unknown flag: --${name}`);
      const shown = `--${name}`;
      if (eq >= 0) set(name, def, a.slice(eq + 1), shown);
      else if (def.type === 'bool') set(name, def, 'true', shown);
      else if (def.noOptDefault !== undefined) set(name, def, def.noOptDefault, shown);
      else if (i + 1 < argv.length) set(name, def, argv[++i] as string, shown);
      else throw new FlagError(`flag needs an argument: ${shown}`);
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      let j = 1;
      while (j < a.length) {
        const c = a[j] as string;
        const name = byShort.get(c);
        if (!name) throw new FlagError(`unknown shorthand flag: '${c}' in ${a}`);
        const def = all[name] as FlagDef;
        const rest = a.slice(j + 1);
        const shown = `-${c}, --${name}`;
        if (def.type === 'bool') {
          if (rest.startsWith('=')) { set(name, def, rest.slice(1), shown); break; }
          set(name, def, 'true', shown);
          j++;
          continue;
        }
        if (rest.startsWith('=')) set(name, def, rest.slice(1), shown);
        else if (rest !== '') set(name, def, rest, shown);
        else if (def.noOptDefault !== undefined) set(name, def, def.noOptDefault, shown);
        else if (i + 1 < argv.length) set(name, def, argv[++i] as string, shown);
        else throw new FlagError(`flag needs an argument: '${c}' in ${a}`);
        break;
      }
      continue;
    }
    args.push(a);
  }
  return { flags: new Flags(values, all), args, argsLenAtDash };
}

/** pflag's StringSlice reads its value as one CSV record. */
function splitCsv(raw: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i] as string;
    if (ch === '"') { quoted = !quoted; continue; }
    if (ch === ',' && !quoted) { out.push(cur); cur = ''; continue; }
    cur += ch;
  }
  out.push(cur);
  return out;
}

/**
 * Finds the subcommand word in argv the way cobra does: skipping flags (and the value of
 * those that take one) that come before it. Returns its index, or -1.
 */
export function findVerb(argv: string[], spec: FlagSpec = {}): number {
  const all: FlagSpec = { ...GLOBAL_FLAGS, ...spec };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--') return -1;
    if (!a.startsWith('-') || a === '-') return i;
    if (a.startsWith('--')) {
      if (a.includes('=')) continue;
      const def = all[a.slice(2)];
      if (def && def.type !== 'bool' && def.noOptDefault === undefined) i++;
      continue;
    }
    const c = a[1] as string;
    const def = Object.values(all).find((d) => d.short === c);
    if (def && def.type !== 'bool' && a.length === 2) i++;
  }
  return -1;
}
