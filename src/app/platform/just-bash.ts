// What `just-bash` resolves to in the page's bundle (see the alias in vite.config.ts). Its
// "browser" entry has the interpreter but not the parser exports the shell and lab layers use
// (parse, serialize, decodeBytesToUtf8); its Node entry needs node:fs and friends. So the
// browser entry is re-exported and the missing three are rebuilt on its public API: the same
// parser, reached through Bash#transform, which parses (throwing the same syntax errors) and
// serialises the tree its plugins return.

import { Bash } from 'just-bash/browser';
import type { ByteString, ScriptNode } from 'just-bash';

export * from 'just-bash/browser';

let parser: Bash | undefined;

export function parse(text: string): ScriptNode {
  parser ??= new Bash();
  return parser.transform(text).ast;
}

export function serialize(ast: ScriptNode): string {
  const b = new Bash();
  b.registerTransformPlugin({ name: 'serialize', transform: () => ({ ast }) });
  return b.transform('').script;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A latin1 byte string (one char per byte) read as UTF-8; bytes that are not UTF-8 stay as they are. */
export function decodeBytesToUtf8(b: ByteString): string {
  const s = b as unknown as string;
  let high = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 255) return s;
    if (c > 127) high = true;
  }
  if (!high) return s;
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  try {
    return utf8.decode(bytes);
  } catch {
    return s;
  }
}
