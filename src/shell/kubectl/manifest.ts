// Reading manifests as kubectl does: -f FILE|DIR|- (and -R), YAML 1.1 multi-document or
// JSON, `kind: List` flattened, each object remembered with the file it came from.

import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../../engine/api/types';
import { resolvePath, type ToolContext } from '../tool';
import { CmdError } from './errors';

export interface ManifestObject {
  obj: KubeObject;
  /** The path as the user gave it (or "STDIN"), used in error messages. */
  source: string;
}

const MANIFEST_EXT = /\.(ya?ml|json)$/;

/** Files named by -f values, expanding directories (recursively with -R). */
function expandFiles(ctx: ToolContext, values: string[], recursive: boolean): { path: string; shown: string }[] {
  const out: { path: string; shown: string }[] = [];
  const home = ctx.env.get('HOME') ?? '/root';
  for (const v of values) {
    if (v === '-') { out.push({ path: '-', shown: 'STDIN' }); continue; }
    if (/^https?:\/\//.test(v)) throw new CmdError(`error: unable to read URL "${v}", server reported 404 Not Found, status code=404`);
    const abs = resolvePath(ctx.cwd, v, home);
    if (ctx.host.fs.isDir(abs)) {
      const walk = (dir: string, shownDir: string): void => {
        for (const name of ctx.host.fs.readdir(dir).sort()) {
          const p = `${dir}/${name}`;
          const shown = `${shownDir.replace(/\/$/, '')}/${name}`;
          if (ctx.host.fs.isDir(p)) { if (recursive) walk(p, shown); continue; }
          if (MANIFEST_EXT.test(name)) out.push({ path: p, shown });
        }
      };
      walk(abs, v);
      continue;
    }
    if (!ctx.host.fs.isFile(abs)) throw new CmdError(`error: the path "${v}" does not exist`);
    out.push({ path: abs, shown: v });
  }
  return out;
}

export function parseManifestText(text: string, source: string): KubeObject[] {
  const trimmed = text.trimStart();
  let docs: unknown[];
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      const parsed = JSON.parse(text) as unknown;
      docs = Array.isArray(parsed) ? parsed : [parsed];
    } catch (e) {
      throw new CmdError(`error: error parsing ${source}: ${(e as Error).message}`);
    }
  } else {
    docs = [];
    for (const doc of parseAllDocuments(text, { version: '1.1', uniqueKeys: false })) {
      if (doc.errors.length) {
        // go-yaml reports a misplaced "key: value" where the colon is, which is where the
        // `yaml` package's multi-line-key error ends.
        const multi = doc.errors.find((e) => e.code === 'MULTILINE_IMPLICIT_KEY');
        const err = multi ?? doc.errors[0];
        const line = multi ? multi.linePos?.[1]?.line : err?.linePos?.[0]?.line;
        throw new CmdError(`error: error parsing ${source}: error converting YAML to JSON: yaml: ${line ? `line ${line}: ` : ''}${goYamlMessage(err?.code, err?.message ?? '')}`);
      }
      docs.push(doc.toJS({ maxAliasCount: 100 }));
    }
  }
  const objects: KubeObject[] = [];
  for (const d of docs) {
    if (d === null || d === undefined) continue;
    if (typeof d !== 'object' || Array.isArray(d)) throw new CmdError(`error: error parsing ${source}: error converting YAML to JSON: cannot unmarshal ${Array.isArray(d) ? 'array' : typeof d} into Go value of type map[string]interface {}`);
    const o = d as KubeObject;
    if (Object.keys(o).length === 0) continue;
    if (!o.apiVersion || !o.kind) {
      const missing = !o.apiVersion && !o.kind ? '[apiVersion not set, kind not set]' : !o.apiVersion ? 'apiVersion not set' : 'kind not set';
      throw new CmdError(`error: error validating "${source}": error validating data: ${missing}; if you choose to ignore these errors, turn validation off with --validate=false`);
    }
    if (o.kind === 'List' || o.kind.endsWith('List')) {
      for (const item of (o.items as KubeObject[] | undefined) ?? []) objects.push(item);
      continue;
    }
    o.metadata ??= {};
    objects.push(o);
  }
  return objects;
}

/** Every object the -f values name, in order. */
export function readManifests(ctx: ToolContext, values: string[], recursive: boolean, verb: string): ManifestObject[] {
  const out: ManifestObject[] = [];
  for (const f of expandFiles(ctx, values, recursive)) {
    const text = f.path === '-' ? ctx.stdin : ctx.host.fs.read(f.path);
    for (const obj of parseManifestText(text, f.shown)) out.push({ obj, source: f.shown });
  }
  if (out.length === 0) throw new CmdError(`error: no objects passed to ${verb}`);
  return out;
}

/** go-yaml's wording for the parse errors people actually make (the `yaml` package words them differently). */
function goYamlMessage(code: string | undefined, message: string): string {
  switch (code) {
    case 'BAD_INDENT':
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return 'mapping values are not allowed in this context';
    case 'TAB_AS_INDENT':
      return 'found character that cannot start any token';
    case 'DUPLICATE_KEY':
      return 'mapping key already defined';
    case 'MISSING_CHAR':
    case 'UNEXPECTED_TOKEN':
      return 'did not find expected key';
    default:
      return (message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
  }
}
