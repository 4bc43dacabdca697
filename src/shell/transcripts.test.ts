// Replays every transcript in ./transcripts on a fresh default world (with the add-ons a
// `# addons: …` line names) and compares output and exit codes exactly.

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CLUSTER, buildWorld, defaultWorld } from '../engine/bootstrap';
import { ADDONS, type Addon } from '../engine/spec';
import { fillTranscript, parseTranscript, runTranscript } from './transcript';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'transcripts');
const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();

describe('transcripts', () => {
  it('finds transcript files', () => {
    expect(files.length).toBeGreaterThan(0);
  });
  for (const file of files) {
    it(file, async () => {
      const text = readFileSync(join(dir, file), 'utf8');
      // A `# addons: a, b` line asks for the default cluster with those add-ons installed.
      const addons = /^# addons: (.+)$/m.exec(text)?.[1]?.split(',').map((a) => a.trim()).filter((a): a is Addon => (ADDONS as readonly string[]).includes(a));
      // A `# world: kubeadm-install` line starts from hosts prepared for kubeadm (controlplane, node01), no cluster yet.
      const install = /^# world: kubeadm-install$/m.test(text);
      const world = install ? buildWorld({ clusters: [{ name: 'kubernetes', initialized: false, nodes: [{ name: 'controlplane' }, { name: 'node01' }] }] }) : undefined;
      const results = await runTranscript(text, world ?? (addons?.length ? buildWorld({ clusters: [{ ...DEFAULT_CLUSTER, addons }] }) : defaultWorld()));
      for (const r of results) {
        const where = `${file}:${r.line}: $ ${r.command}`;
        expect(r.actual, where).toBe(r.expected);
        expect(r.actualExit, `${where} (exit code)`).toBe(r.expectedExit);
      }
    });
  }
});

describe('transcript parser', () => {
  it('reads commands, continuation lines, output, exit codes and comments', () => {
    const steps = parseTranscript('# setup\n$ cat <<EOF\n> a\n> EOF\na\n$ false\n[exit 1]\n$ echo\n\n');
    expect(steps).toEqual([
      { line: 2, command: 'cat <<EOF\na\nEOF', expected: 'a\n', expectedExit: 0 },
      { line: 6, command: 'false', expected: '', expectedExit: 1 },
      { line: 8, command: 'echo', expected: '', expectedExit: 0 },
    ]);
  });
});

describe('transcript filling', () => {
  it('writes down what the commands print, exit codes included', async () => {
    const filled = await fillTranscript('# ns\n$ kubectl get ns default -o name\n$ kubectl get ns nope\n', defaultWorld());
    expect(filled).toBe('# ns\n$ kubectl get ns default -o name\nnamespace/default\n$ kubectl get ns nope\nError from server (NotFound): namespaces "nope" not found\n[exit 1]\n');
  });
});
