// `cka-lab import-killercoda DIR [--out labs/<id>] [--domain NAME]`: a Killercoda scenario folder → a lab folder
// with one lab.yaml, which is parsed before it is written (an import never leaves a lab that
// does not load). Warnings say what did not convert; `lab check` then says whether it proves.

import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { getCommandNames } from 'just-bash';
import { LabError, parseLab } from '../lab';
import { CKA_DOMAINS } from '../lab/fields';
import { allTools } from '../shell/tools';
import { convertKillercoda, ImportError } from './killercoda';
import { displayPath, LABS_DIR, readLabFiles } from './load';

export function importKillercodaCommand(args: string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream): number {
  let outDir: string | undefined;
  let domain: string | undefined;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--out' || a.startsWith('--out=')) {
      outDir = a.startsWith('--out=') ? a.slice(6) : args[++i];
      if (!outDir) return fail(err, 'import-killercoda: --out needs a folder');
    } else if (a === '--domain' || a.startsWith('--domain=')) {
      domain = a.startsWith('--domain=') ? a.slice(9) : args[++i];
      if (!domain || !(CKA_DOMAINS as readonly string[]).includes(domain)) return fail(err, `import-killercoda: --domain must be one of: ${CKA_DOMAINS.map((d) => `"${d}"`).join(', ')}`);
    } else if (a.startsWith('-')) {
      return fail(err, `import-killercoda: unknown flag "${a}"`);
    } else {
      rest.push(a);
    }
  }
  if (rest.length !== 1) return fail(err, 'import-killercoda: give one scenario folder (the one holding index.json)');
  const src = resolve(rest[0] as string);
  if (!existsSync(src) || !statSync(src).isDirectory()) return fail(err, `import-killercoda: ${rest[0]}: not a folder`);
  const labsDir = existsSync('labs') ? resolve('labs') : LABS_DIR;
  const dest = resolve(outDir ?? join(labsDir, slug(basename(src))));
  const id = slug(basename(dest));
  if (!id) return fail(err, `import-killercoda: cannot make a lab id from "${basename(dest)}"`);
  if (existsSync(join(dest, 'lab.yaml'))) return fail(err, `import-killercoda: ${displayPath(dest)}/lab.yaml already exists`);

  const tools = new Set([...getCommandNames(), ...Object.keys(allTools())]);
  let result;
  try {
    result = convertKillercoda(readLabFiles(src), { id, knownCommand: (c) => tools.has(c), ...(domain ? { domain } : {}) });
  } catch (e) {
    if (e instanceof ImportError) return fail(err, `import-killercoda: ${rest[0]}: ${e.message}`, 1);
    throw e;
  }
  try {
    parseLab(displayPath(dest), { 'lab.yaml': result.yaml });
  } catch (e) {
    // The converter writes only what the format allows; this is a bug to report, not the author's.
    const why = e instanceof LabError ? e.message : (e as Error).message;
    return fail(err, `import-killercoda: the converted lab does not load (${why})`, 1);
  }
  mkdirSync(dest, { recursive: true });
  writeFileSync(join(dest, 'lab.yaml'), result.yaml);
  for (const w of result.warnings) err.write(`warning: ${w}\n`);
  out.write(`created ${displayPath(join(dest, 'lab.yaml'))}\nNext: npx cka-lab lab check ${displayPath(dest)}\n`);
  return 0;
}

/** A folder name as a lab id: lowercase letters, digits and dashes. */
function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

function fail(err: NodeJS.WritableStream, msg: string, code = 2): number {
  err.write(`cka-lab: ${msg}\n`);
  return code;
}
