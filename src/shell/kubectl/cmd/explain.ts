// kubectl explain TYPE[.FIELD…] [--recursive]: the field documentation, laid out as kubectl's
// plaintext template lays it out (KIND/VERSION, FIELD, DESCRIPTION wrapped at 76 columns,
// FIELDS with their types and -required-), from the schemas in explain-schema.

import type { Command } from '../command';
import { CmdError } from '../errors';
import { groupVersionOf, loadSchemas, schemas, type FieldDoc, type TypeDoc } from '../explain-schema';
import { resolveType } from '../resources';

/** goutils.Wrap as sprig's `wrap` uses it: breaks at spaces only, never inside a word. */
export function wrap(str: string, width: number): string {
  if (str === '') return '';
  let out = '';
  let offset = 0;
  while (str.length - offset > width) {
    if (str[offset] === ' ') { offset++; continue; }
    const at = str.slice(offset, width + offset + 1).lastIndexOf(' ');
    if (at >= 0) {
      out += str.slice(offset, offset + at) + '\n';
      offset += at + 1;
      continue;
    }
    const next = str.indexOf(' ', width + offset);
    if (next >= 0) { out += str.slice(offset, next) + '\n'; offset = next + 1; }
    else { out += str.slice(offset); offset = str.length; }
  }
  return out + str.slice(offset);
}

const indent = (s: string, n: number) => ' '.repeat(n) + s.replace(/\n/g, '\n' + ' '.repeat(n));

function fieldList(doc: TypeDoc, level: number, recursive: boolean, history: Set<string>): string {
  const all = schemas();
  let out = '';
  const pad = level * 2;
  for (const f of [...doc.fields].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    out += `${indent(f.name, pad)}\t<${f.type}>${f.required ? ' -required-' : ''}\n`;
    const sub = f.ref ? all.get(f.ref) : undefined;
    if (recursive) {
      if (sub && !history.has(sub.name)) out += fieldList(sub, level + 1, true, new Set([...history, sub.name]));
      continue;
    }
    out += indent(wrap(f.description || '<no description>', 78 - pad), pad + 2) + '\n\n';
  }
  return out;
}

export const explainCommand: Command = {
  name: 'explain',
  short: 'Get documentation for a resource',
  usage: 'explain TYPE [--recursive=FALSE|TRUE] [--api-version=api-version-group] [-o|--output=plaintext|plaintext-openapiv2] [options]',
  flags: { recursive: { type: 'bool' }, 'api-version': { type: 'string' }, output: { type: 'string', short: 'o' } },
  async run(inv) {
    if (!inv.args.length) {
      inv.err('You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.\n\n');
      throw new CmdError(`error: Required resource not specified.\nSee 'kubectl explain -h' for help and examples`);
    }
    if (inv.args.length > 1) throw new CmdError(`error: We accept only this format: explain RESOURCE\nSee 'kubectl explain -h' for help and examples`);
    const output = inv.flags.string('output') || 'plaintext';
    if (output !== 'plaintext') throw new CmdError(`error: unsupported output format "${output}". Supported formats are: plaintext`);
    const [word, ...path] = (inv.args[0] as string).split('.');
    const api = inv.connect().cluster.api;
    const t = resolveType(api, word as string);
    await loadSchemas();
    const all = schemas();
    const root = all.get(t.kind);
    if (!root || !groupVersionOf(t.kind)) throw new CmdError(`error: the field documentation for ${t.kind} is not available in this lab yet`);
    let out = t.group ? `GROUP:      ${t.group}\n` : '';
    out += `KIND:       ${t.kind}\nVERSION:    ${t.version}\n\n`;
    let doc: TypeDoc | undefined = root;
    let description = root.description;
    for (let i = 0; i < path.length; i++) {
      const name = path[i] as string;
      const f: FieldDoc | undefined = doc?.fields.find((x) => x.name === name);
      if (!f) throw new CmdError(`error: field "${name}" does not exist`);
      if (i === path.length - 1) out += `FIELD: ${f.name} <${f.type}>\n\n\n`;
      doc = f.ref ? all.get(f.ref) : undefined;
      description = [f.description, doc?.description].filter(Boolean).join('\n');
      if (!doc && i < path.length - 1) throw new CmdError(`error: field "${path[i + 1]}" does not exist`);
    }
    const text = description ? description + '\n' : '<empty>';
    out += 'DESCRIPTION:\n' + indent(wrap(text, 76), 4) + '\n';
    const fields = doc ? fieldList(doc, 1, inv.flags.bool('recursive'), new Set([doc.name])) : '';
    if (fields) out += 'FIELDS:\n' + fields;
    inv.out(out + '\n');
    return 0;
  },
};
