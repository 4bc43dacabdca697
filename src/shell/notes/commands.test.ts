// The command lines of commands.txt (what candidates type, from the study notes and the CKA
// curriculum) each run in a fresh copy of a prepared world: none may be unknown to our shell —
// no "command not found", no unknown flag or subcommand, no verb missing from our kubectl, no
// exception. Lines marked `# pending: TOOL` wait for a tool still being built (listed as todo).

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultWorld } from '../../engine/bootstrap';
import { World } from '../../engine/world';
import { Terminal } from '../terminal';

interface Case {
  line: string;
  pending?: string;
}

const text = readFileSync(new URL('./commands.txt', import.meta.url), 'utf8');
const setup: string[] = [];
const cases: Case[] = [];
for (const raw of text.split('\n')) {
  if (raw.trim() === '' || raw.startsWith('#')) continue;
  if (raw.startsWith('@setup ')) {
    setup.push(raw.slice('@setup '.length));
    continue;
  }
  const m = /^(.*?)\s+# pending: (\S+)\s*$/.exec(raw);
  cases.push(m ? { line: m[1] as string, pending: m[2] as string } : { line: raw });
}

/** What the shell says when it does not know a command, a flag or a subcommand. */
const UNKNOWN = [/command not found/, /unknown flag/, /unknown command/, /unknown shorthand flag/, /is not available in this lab yet/, /^bash: .*(TypeError|ReferenceError|Cannot read)/m];
/** A command that would run until Ctrl+C (logs -f, get -w) is interrupted after this much virtual time. */
const INTERRUPT_AFTER_MS = 60_000;

let prepared: ReturnType<World['toJSON']> | undefined;

async function preparedWorld(): Promise<World> {
  if (!prepared) {
    const world = defaultWorld(11);
    const t = new Terminal({ world });
    for (const line of setup) {
      const r = await t.run(line);
      if (r.exitCode !== 0) throw new Error(`setup failed: ${line}\n${r.stderr}`);
    }
    prepared = world.toJSON();
  }
  return World.fromJSON(prepared);
}

describe('command lines candidates type', () => {
  it('the file holds at least 200 of them', () => {
    expect(cases.length).toBeGreaterThanOrEqual(200);
  });

  for (const c of cases) {
    if (c.pending) {
      it.todo(`${c.line}  (pending: ${c.pending})`);
      continue;
    }
    it(c.line, async () => {
      const world = await preparedWorld();
      const ac = new AbortController();
      const start = world.clock.now;
      const t = new Terminal({
        world,
        wait: async (ms) => {
          world.advance(ms);
          if (world.clock.now - start >= INTERRUPT_AFTER_MS) ac.abort();
        },
      });
      let out: string;
      try {
        const r = await t.run(c.line, { signal: ac.signal });
        out = r.stdout + r.stderr;
      } catch (e) {
        throw new Error(`threw: ${(e as Error).stack ?? String(e)}`);
      }
      for (const re of UNKNOWN) expect(out, `${c.line}\n${out}`).not.toMatch(re);
    }, 60_000);
  }
});
