// Output order at the terminal: what streams to the page arrives in the order it was written.

import { describe, expect, it } from 'vitest';
import { defaultWorld } from '../engine/bootstrap';
import { Terminal } from './terminal';
import { OutputWriter, orderedOutput } from './tool';

async function streamed(line: string): Promise<{ chunks: [string, string][]; stdout: string; stderr: string }> {
  const t = new Terminal({ world: defaultWorld() });
  const chunks: [string, string][] = [];
  const r = await t.run(line, { output: (data, stream) => chunks.push([stream, data]) });
  return { chunks, stdout: r.stdout, stderr: r.stderr };
}

describe('output order', () => {
  it('streams an error between two commands in the order they ran', async () => {
    const r = await streamed('kubectl get ns default -o name; kubectl get pod nope; kubectl get ns kube-system -o name');
    expect(r.chunks).toEqual([
      ['stdout', 'namespace/default\n'],
      ['stderr', 'Error from server (NotFound): pods "nope" not found\n'],
      ['stdout', 'namespace/kube-system\n'],
    ]);
    expect(r.stdout + r.stderr).toBe('');
  });

  it('shows genrsa\'s progress dots before the key it writes to stdout', async () => {
    const r = await streamed('openssl genrsa 2048');
    expect(r.chunks.map(([stream]) => stream)).toEqual(['stderr', 'stdout']);
    expect(r.chunks[0]?.[1]).toMatch(/^[.+]+\*[.+]+\*\.+\n$/);
    expect(r.chunks[1]?.[1]).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
  });

  it('leaves a piped or redirected line to bash: stdout, then stderr, nothing streamed', async () => {
    const r = await streamed('kubectl get pod nope 2>&1 | grep -c NotFound; echo done');
    expect(r.chunks).toEqual([]);
    expect(r.stdout).toBe('1\ndone\n');
  });

  it('keeps a writer\'s order and its per-stream text', () => {
    const w = new OutputWriter();
    w.out('a\n');
    w.err('b\n');
    w.out('c\n');
    w.out('d\n');
    const r = w.result(1);
    expect(r).toMatchObject({ stdout: 'a\nc\nd\n', stderr: 'b\n', exitCode: 1 });
    expect(orderedOutput(r)).toEqual([
      { stream: 'stdout', data: 'a\n' },
      { stream: 'stderr', data: 'b\n' },
      { stream: 'stdout', data: 'c\nd\n' },
    ]);
    // Chunks that disagree with the streams (a caller changed stdout) are not trusted.
    expect(orderedOutput({ ...r, stdout: 'x\n' })).toEqual([
      { stream: 'stdout', data: 'x\n' },
      { stream: 'stderr', data: 'b\n' },
    ]);
  });
});
