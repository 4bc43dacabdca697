import { describe, expect, it } from 'vitest';
import { defaultWorld } from '../../../engine/bootstrap';
import { Terminal } from '../../terminal';
import { portForwardsOn } from '../port-forwards';

/** A terminal whose Ctrl+C comes when the virtual clock has moved `ms` past `arm()`. */
function timed(ms: number) {
  const world = defaultWorld(7);
  const ac = new AbortController();
  let start = Infinity;
  const t = new Terminal({
    world,
    wait: async (w) => {
      world.advance(w);
      if (world.clock.now - start >= ms) ac.abort();
    },
  });
  const streamed: string[] = [];
  const run = (line: string) => {
    start = world.clock.now;
    return t.run(line, { signal: ac.signal, output: (d) => streamed.push(d) });
  };
  return { t, world, run, streamed };
}

describe('kubectl port-forward at the prompt', () => {
  it('says where it listens, holds the port until Ctrl+C (exit 130), then lets it go', async () => {
    const s = timed(5_000);
    await s.t.run('kubectl run web --image=nginx --port=80');
    await s.t.run('kubectl wait --for=condition=Ready pod/web --timeout=60s');
    const host = s.world.hosts.get('controlplane');
    if (!host) throw new Error('no controlplane');
    const r = await s.run('kubectl port-forward pod/web 8080:80');
    expect(r.exitCode).toBe(130);
    expect(s.streamed.join('')).toBe('Forwarding from 127.0.0.1:8080 -> 80\nForwarding from [::1]:8080 -> 80\n');
    expect(portForwardsOn(host)).toEqual([]);
    const after = await s.t.run('curl -sS localhost:8080');
    expect(after.exitCode).toBe(7);
  });

  it('ends with "lost connection to pod" when the pod goes away', async () => {
    const world = defaultWorld(7);
    const ac = new AbortController();
    let armed = false;
    const t = new Terminal({
      world,
      wait: async (w) => {
        world.advance(w);
        // Something else deletes the pod while the forward runs.
        const api = world.clusters.get('kubernetes')?.api;
        const pods = api?.lookup('pods');
        if (armed && api && pods && api.tryGet(pods, 'default', 'web')) api.delete(pods, 'default', 'web', { gracePeriodSeconds: 0 });
      },
    });
    await t.run('kubectl run web --image=nginx');
    await t.run('kubectl wait --for=condition=Ready pod/web --timeout=60s');
    armed = true;
    const streamed: string[] = [];
    const r = await t.run('kubectl port-forward web 9000:80', { signal: ac.signal, output: (d) => streamed.push(d) });
    expect(streamed.join('')).toContain('Forwarding from 127.0.0.1:9000 -> 80\n');
    expect(r.exitCode).toBe(1);
    expect(streamed.join('')).toMatch(/error: lost connection to pod\n$/);
  });
});
