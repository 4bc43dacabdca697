// The page's just-bash (browser entry + rebuilt parser exports) must parse like the Node entry
// the shell is tested with: same trees, same serialisation, same syntax errors.

import { describe, expect, it } from 'vitest';
import * as node from 'just-bash';
import * as browser from './just-bash';

const SCRIPTS = [
  'kubectl get pods -A | grep -v Running',
  'greet() { echo "hi $1"; }',
  'for i in 1 2 3; do kubectl scale deploy web --replicas=$i; done',
  'cat <<EOF > pod.yaml\napiVersion: v1\nkind: Pod\nEOF',
  'if [ -f /root/x ]; then echo yes; else echo no; fi',
];

function errorOf(parse: (s: string) => unknown, text: string): string | undefined {
  try {
    parse(text);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

describe('just-bash for the browser', () => {
  it.each(SCRIPTS)('serialises %j as the Node entry does', (script) => {
    expect(browser.serialize(browser.parse(script))).toBe(node.serialize(node.parse(script)));
  });

  it.each(['echo "open', 'for i in 1 2; do', 'if true; then echo', 'greet() {'])('reports %j incomplete with the same error', (text) => {
    expect(errorOf(browser.parse, text)).toBe(errorOf(node.parse, text));
    expect(errorOf(browser.parse, text)).toBeDefined();
  });

  it('decodes UTF-8 bytes held in a latin1 string', () => {
    const bytes = node.unsafeBytesFromLatin1('h\xc3\xa9llo');
    expect(browser.decodeBytesToUtf8(bytes)).toBe(node.decodeBytesToUtf8(bytes));
    expect(browser.decodeBytesToUtf8(bytes)).toBe('héllo');
  });
});
