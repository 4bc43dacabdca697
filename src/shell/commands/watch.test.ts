import { describe, expect, it } from 'vitest';
import { defaultWorld } from '../../engine/bootstrap';
import { Terminal } from '../terminal';

/** A terminal whose Ctrl+C comes when the virtual clock has moved `ms` past the start. */
function timed(ms: number) {
  const world = defaultWorld(7);
  const ac = new AbortController();
  const start = world.clock.now;
  const t = new Terminal({
    world,
    wait: async (w) => {
      world.advance(w);
      if (world.clock.now - start >= ms) ac.abort();
    },
  });
  const streamed: string[] = [];
  const run = (line: string) => t.run(line, { signal: ac.signal, output: (d) => streamed.push(d) });
  return { t, world, run, streamed, ac };
}

describe('kubectl get --watch', () => {
  it('prints the table, then a row per change, streamed as it happens, until Ctrl+C', async () => {
    const s = timed(20_000);
    await s.t.run('kubectl run web --image=nginx');
    const r = await s.run('kubectl get pods -w');
    expect(r.exitCode).toBe(130);
    expect(r.stdout).toBe('');
    const out = s.streamed.join('');
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
    expect(lines[1]).toMatch(/^web\s+0\/1\s+Pending\s+0\s+0s$/);
    expect(out).toMatch(/\nweb +0\/1 +ContainerCreating +0 +\d+s\n/);
    expect(out).toMatch(/\nweb +1\/1 +Running +0 +\d+s\n$/);
    // The tabwriter remembers widths: a row is never narrower than the header above it.
    for (const l of lines.slice(1)) expect(l.indexOf('0/1') === -1 || l.indexOf('0/1') === lines[0]?.indexOf('READY') || l.indexOf('1/1') === lines[0]?.indexOf('READY')).toBe(true);
  });

  it('--watch-only prints only changes (with the header first), deletions included', async () => {
    const s = timed(40_000);
    await s.t.run('kubectl run web --image=nginx');
    s.world.advance(10_000);
    await s.t.run('kubectl delete pod web --wait=false');
    const r = await s.run('kubectl get pods --watch-only');
    expect(r.exitCode).toBe(130);
    const lines = s.streamed.join('').trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+READY\s+STATUS/);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.slice(1).every((l) => l.startsWith('web '))).toBe(true);
  });

  it('in a pipe the rows come out at the end; --request-timeout ends the watch', async () => {
    const world = defaultWorld(7);
    const t = new Terminal({ world });
    await t.run('kubectl run web --image=nginx');
    const r = await t.run('kubectl get pods -w --request-timeout=30s | grep -c web', { output: () => { throw new Error('must not stream'); } });
    expect(r.exitCode).toBe(0);
    expect(Number(r.stdout.trim())).toBeGreaterThanOrEqual(3);
  });

  it('refuses more than one kind, as kubectl does', async () => {
    const s = timed(1000);
    const r = await s.run('kubectl get pods,svc -w');
    expect(r.exitCode).toBe(1);
    // The terminal got the error as it was written.
    expect(s.streamed.join('')).toBe('error: watch is only supported on individual resources and resource collections, but a list of resources is found\n');
  });
});

describe('watch', () => {
  it('runs the command every interval under its title, clearing the screen, until Ctrl+C', async () => {
    const s = timed(5_000);
    const r = await s.run('watch -n 2 kubectl get nodes');
    expect(r.exitCode).toBe(130);
    const frames = s.streamed.join('').split('\x1b[H\x1b[2J').filter(Boolean);
    expect(frames.length).toBe(3);
    const [title, blank, header] = (frames[0] as string).split('\n');
    expect(title).toMatch(/^Every 2\.0s: kubectl get nodes {2,}controlplane: \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}$/);
    expect(title).toHaveLength(80);
    expect(blank).toBe('');
    expect(header).toMatch(/^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION$/);
  });

  it('-t drops the title; a bad option is refused with the usage', async () => {
    const s = timed(1_000);
    await s.run('watch -t hostname');
    expect(s.streamed[0]).toBe('\x1b[H\x1b[2Jcontrolplane\n');
    const bad = await s.t.run('watch -z ls');
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toContain("watch: invalid option -- 'z'");
  });
});
