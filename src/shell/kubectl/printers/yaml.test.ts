import { describe, expect, it } from 'vitest';
import { toKubectlYaml } from './yaml';

describe('kubectl YAML', () => {
  it('sorts keys, keeps sequences at their key indent and quotes like go-yaml v2', () => {
    const out = toKubectlYaml({
      metadata: { name: 'web', labels: { 'node-role.kubernetes.io/control-plane': '', app: 'y' }, creationTimestamp: '2026-01-01T09:00:00Z' },
      apiVersion: 'v1',
      data: { port: '80', enabled: 'true', text: 'a: b', star: '*', plain: 'nginx:1.27', on: 'on' },
      spec: { ports: [{ port: 80, name: 'http' }], empty: {}, none: [], nil: null },
    });
    expect(out).toBe(`apiVersion: v1
data:
  enabled: "true"
  "on": "on"
  plain: nginx:1.27
  port: "80"
  star: '*'
  text: 'a: b'
metadata:
  creationTimestamp: "2026-01-01T09:00:00Z"
  labels:
    app: "y"
    node-role.kubernetes.io/control-plane: ""
  name: web
spec:
  empty: {}
  nil: null
  none: []
  ports:
  - name: http
    port: 80
`);
  });

  it('writes multi-line strings as literal blocks and folds long plain strings at 80 columns', () => {
    expect(toKubectlYaml({ a: 'line1\nline2\n', b: 'no newline\nat end' })).toBe('a: |\n  line1\n  line2\nb: |-\n  no newline\n  at end\n');
    const long = 'word '.repeat(20).trim();
    expect(toKubectlYaml({ message: long })).toBe(
      // go-yaml breaks at the first space past column 80.
      'message: word word word word word word word word word word word word word word word\n  word word word word word\n',
    );
  });

  it('orders keys naturally (digit runs as numbers)', () => {
    expect(toKubectlYaml({ a10: 1, a9: 2, B: 3, a: 4 })).toBe('B: 3\na: 4\na9: 2\na10: 1\n');
  });
});
