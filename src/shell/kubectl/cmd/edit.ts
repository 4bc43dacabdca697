// kubectl edit TYPE NAME: writes the object as YAML under kubectl's header comment to
// /tmp/kubectl-edit-<n>.yaml, opens it in the editor pane, and on close sends the difference.
// Syntax errors and invalid changes reopen the file with the reasons at the top; closing it
// unchanged after an error keeps the copy and cancels, exactly as kubectl's edit loop does.

import { parseAllDocuments } from 'yaml';
import { ApiError } from '../../../engine/api/errors';
import type { KubeObject } from '../../../engine/api/types';
import { OUTPUT_FLAG, type Command, type Invocation } from '../command';
import { CmdError, formatError } from '../errors';
import { parseManifestText } from '../manifest';
import { alignKeys, twoWayMergePatch, strategicMerge } from '../patching';
import { asList, kindName } from '../printers/output';
import { toKubectlYaml } from '../printers/yaml';
import { resourceString, targetsOf, type Target } from '../targets';

const HEADER = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;

interface Reason { head: string; other: string[] }

function header(reasons: Reason[]): string {
  let out = HEADER;
  for (const r of reasons) {
    out += `# ${r.head.replace(/\n/g, '\n# ')}${r.other.length ? ':' : ''}\n`;
    for (const o of r.other) out += `# * ${o.replace(/\n/g, '\n# ')}\n`;
    out += '#\n';
  }
  return out;
}

/** cmdutil.ManualStrip: drop comment lines (not `#!`). */
function manualStrip(text: string): string {
  return text.split('\n').filter((l) => { const t = l.trim(); return !(t.startsWith('#') && !t.startsWith('#!')); }).join('\n');
}

/** cmdutil.StripComments: the document as JSON when it parses, else the text without comments. */
function stripComments(text: string): string {
  try {
    const docs = parseAllDocuments(text, { version: '1.1' });
    if (Array.isArray(docs) && docs.every((d) => !d.errors.length)) return JSON.stringify(docs.map((d) => d.toJS() as unknown));
  } catch {
    // falls through to the textual strip, as kubectl does
  }
  return manualStrip(text);
}

function tempPath(inv: Invocation): string {
  inv.ctx.host.fs.mkdirp('/tmp');
  // os.CreateTemp replaces the "*" with a random uint32 in decimal.
  return `/tmp/kubectl-edit-${inv.ctx.world.random.int(4294967295)}.yaml`;
}

function preserved(inv: Invocation, file: string, message: string): number {
  if (file && inv.ctx.host.fs.isFile(file)) inv.err(`A copy of your changes has been stored to "${file}"\n`);
  inv.err(`error: ${message}\n`);
  return 1;
}

async function runEdit(inv: Invocation): Promise<number> {
  const output = inv.flags.string('output');
  if (output && output !== 'yaml' && output !== 'json' && output !== 'name') throw new CmdError(`error: unable to match a printer suitable for the output format "${output}", allowed formats are: json,name,yaml`);
  const conn = inv.connect();
  const api = conn.cluster.api;
  const targets: Target[] = targetsOf(inv, inv.args, conn.namespace);
  const originals: { target: Target; obj: KubeObject }[] = [];
  for (const t of targets) originals.push({ target: t, obj: structuredClone(api.get(t.type, conn.namespace, t.name)) });
  if (!originals.length) throw new CmdError('error: edit cancelled, no objects found');
  const fs = inv.ctx.host.fs;
  const shown = originals.length === 1 ? (originals[0] as { obj: KubeObject }).obj : asList(originals.map((o) => o.obj));
  const body = toKubectlYaml(shown);
  let reasons: Reason[] = [];
  let containsError = false;
  let original = '';
  let edited = '';
  let previousFile = '';
  for (;;) {
    let buf = header(reasons);
    reasons = [];
    if (!containsError) { buf += body; original = buf; } else buf += manualStrip(edited);
    const editedDiff = edited;
    const file = tempPath(inv);
    fs.write(file, buf, 0o600);
    await inv.ctx.openEditor(file);
    edited = fs.tryRead(file) ?? '';
    if (containsError && stripComments(editedDiff) === stripComments(edited)) return preserved(inv, file, 'Edit cancelled, no valid changes were saved.');
    if (previousFile) fs.rm(previousFile, { force: true });
    if (stripComments(original) === stripComments(edited)) {
      fs.rm(file, { force: true });
      inv.err('Edit cancelled, no changes made.\n');
      return 0;
    }
    if (!manualStrip(edited).trim()) {
      fs.rm(file, { force: true });
      inv.err('Edit cancelled, saved file was empty.\n');
      return 0;
    }
    previousFile = file;
    let updated: KubeObject[];
    try {
      updated = parseManifestText(edited, file);
    } catch (e) {
      containsError = true;
      const msg = (e instanceof Error ? e.message : String(e)).replace(/^error: error parsing [^:]+: /, '').replace(/^error: /, '');
      reasons.push({ head: `The edited file had a syntax error: ${msg}`, other: [] });
      continue;
    }
    containsError = false;
    let invalid = false;
    for (const u of updated) {
      const orig = originals.find((o) => o.obj.metadata.uid === u.metadata.uid || (o.obj.kind === u.kind && o.obj.metadata.name === u.metadata.name));
      if (!orig) return preserved(inv, file, `no original object found for ${u.kind} "${u.metadata.name ?? ''}"`);
      if (u.apiVersion !== orig.obj.apiVersion || u.kind !== orig.obj.kind || u.metadata.name !== orig.obj.metadata.name) {
        return preserved(inv, file, 'At least one of apiVersion, kind and name was changed');
      }
      if (JSON.stringify(u) === JSON.stringify(orig.obj)) {
        inv.out(`${kindName(orig.target.type, orig.target.name)} skipped\n`);
        continue;
      }
      try {
        const current = api.get(orig.target.type, conn.namespace, orig.target.name);
        const next = alignKeys(strategicMerge(current, twoWayMergePatch(orig.obj, u)) as KubeObject, current);
        next.metadata.resourceVersion = current.metadata.resourceVersion as string;
        const result = api.update(next);
        orig.obj = structuredClone(result);
        inv.out(output === 'yaml' || output === 'json' ? toKubectlYaml(result) : `${kindName(orig.target.type, orig.target.name)} edited\n`);
      } catch (e) {
        if (e instanceof ApiError && e.reason === 'Invalid') {
          invalid = true;
          const res = resourceString(orig.target.type);
          reasons.push({ head: `${res} "${orig.target.name}" was not valid`, other: (e.details.causes ?? []).map((c) => `${c.field}: ${c.message}`) });
          inv.err(`error: ${res} "${orig.target.name}" is invalid\n`);
        } else if (e instanceof ApiError && e.reason === 'NotFound') {
          inv.err(`The edits you made on deleted resources have been saved to "${file}"\n`);
          return 1;
        } else {
          inv.err(formatError(e));
          return preserved(inv, file, 'Edit cancelled, no valid changes were saved.');
        }
      }
    }
    if (!invalid) {
      fs.rm(file, { force: true });
      return 0;
    }
    containsError = true;
  }
}

export const editCommand: Command = {
  name: 'edit',
  short: 'Edit a resource on the server',
  usage: 'edit (RESOURCE/NAME | -f FILENAME) [options]',
  flags: {
    ...OUTPUT_FLAG,
    filename: { type: 'strings', short: 'f' },
    kustomize: { type: 'string', short: 'k' },
    recursive: { type: 'bool', short: 'R' },
    'output-patch': { type: 'bool' },
    'windows-line-endings': { type: 'bool' },
    'save-config': { type: 'bool' },
    validate: { type: 'string', noOptDefault: 'strict' },
    'field-manager': { type: 'string' },
    subresource: { type: 'string' },
    'show-managed-fields': { type: 'bool' },
    template: { type: 'string' },
    'allow-missing-template-keys': { type: 'bool' },
  },
  run: runEdit,
};
