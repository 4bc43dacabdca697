import { describe, expect, it } from 'vitest';
import type { Node, Pod } from '../api/types';
import { defaultWorld } from '../bootstrap';
import { create, nginxPod, objects, pod } from '../testing';
import type { World } from '../world';

const CONFIG = '/var/lib/kubelet/config.yaml';

function ready(world: World, name: string): string | undefined {
  return objects<Node>(world, 'nodes').find((n) => n.metadata.name === name)?.status?.conditions?.find((c) => c.type === 'Ready')?.status;
}

describe('kubelet start-up', () => {
  it('a YAML error in config.yaml keeps the kubelet down: node NotReady after 50s, the journal says why; fixing it recovers', () => {
    const world = defaultWorld();
    const host = world.host('node01');
    const good = host.fs.read(CONFIG);
    host.fs.writeFile(CONFIG, good.replace('cgroupDriver: systemd', 'cgroupDriver systemd\n  bad: [x'));
    world.advance(49_000);
    expect(ready(world, 'node01')).toBe('True');
    world.advance(2_000);
    expect(ready(world, 'node01')).toBe('Unknown');
    const journal = host.state.journal.kubelet ?? [];
    expect(journal.some((l) => /^E\d{4} .* run\.go:72\] "command failed" err="failed to load kubelet config file, path: \/var\/lib\/kubelet\/config\.yaml, error: failed to load Kubelet config file \/var\/lib\/kubelet\/config\.yaml, error failed to decode: yaml: /.test(l))).toBe(true);
    expect(journal).toContain('kubelet.service: Main process exited, code=exited, status=1/FAILURE');
    host.fs.writeFile(CONFIG, good);
    world.advance(2_000);
    expect(ready(world, 'node01')).toBe('True');
  });

  it('a clientCAFile that does not exist stops the kubelet: no new pods start on the node', () => {
    const world = defaultWorld();
    const host = world.host('node01');
    const good = host.fs.read(CONFIG);
    host.fs.writeFile(CONFIG, good.replace('clientCAFile: /etc/kubernetes/pki/ca.crt', 'clientCAFile: /etc/kubernetes/pki/ca.pem'));
    world.advance(1_000);
    expect(host.state.journal.kubelet?.some((l) => l.includes('err="failed to construct kubelet dependencies: unable to load client CA file /etc/kubernetes/pki/ca.pem: open /etc/kubernetes/pki/ca.pem: no such file or directory"'))).toBe(true);
    create(world, nginxPod('web', { nodeName: 'node01' }));
    world.advance(20_000);
    expect(pod(world, 'default', 'web')?.status?.phase).toBe('Pending');
    host.fs.writeFile(CONFIG, good);
    world.advance(10_000);
    expect(pod(world, 'default', 'web')?.status?.phase).toBe('Running');
  });

  it('a stopped kubelet starts no pods', () => {
    const world = defaultWorld();
    const host = world.host('node02');
    host.state.units.kubelet = { active: false, enabled: true, since: world.clock.now };
    create(world, nginxPod('web', { nodeName: 'node02' }));
    world.advance(20_000);
    expect((pod(world, 'default', 'web') as Pod).status?.phase).toBe('Pending');
  });
});
