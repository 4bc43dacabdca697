// Unit tests for the formats the node tools define or mirror: the etcd snapshot and data
// dir, etcd keys, strftime/-d parsing, systemd and go-units durations.

import { describe, expect, it } from 'vitest';
import { defaultWorld } from '../../engine/bootstrap';
import { Terminal } from '../terminal';
import { decodeSnapshot, encodeSnapshot, etcdKey, humanBytes, readDataDir, writeDataDir } from './etcd-snapshot';
import { parseDate, strftime } from './date';
import { systemdAgo } from './systemd';
import { humanDuration } from './crictl';

const T0 = Date.UTC(2026, 0, 1, 9, 0, 3);

describe('etcd snapshot format', () => {
  it('round-trips the store through a snapshot file and a restored data dir', () => {
    const world = defaultWorld();
    const cluster = world.cluster('kubernetes');
    const text = encodeSnapshot(cluster.api.toJSON());
    const info = decodeSnapshot(text);
    if (typeof info === 'string') throw new Error(info);
    expect(info.revision).toBe(cluster.api.resourceVersion);
    expect(info.store).toEqual(cluster.api.toJSON());
    const fs = world.host('controlplane').fs;
    writeDataDir(fs, '/var/lib/etcd-new/', text);
    expect(fs.isDir('/var/lib/etcd-new/member/wal')).toBe(true);
    expect(readDataDir(fs, '/var/lib/etcd-new')?.totalKeys).toBe(info.totalKeys);
  });

  it('refuses files that are not snapshots', () => {
    expect(decodeSnapshot('hello\n')).toBe('invalid database');
    expect(decodeSnapshot('etcd-snapshot/v1 revision=1 keys=0 hash=00000000\n{}')).toMatch(/^snapshot file integrity check failed/);
  });

  it('names keys as the API server stores them', () => {
    expect(etcdKey('/pods/default/web')).toBe('/registry/pods/default/web');
    expect(etcdKey('/nodes//node01')).toBe('/registry/minions/node01');
    expect(etcdKey('/services/default/kubernetes')).toBe('/registry/services/specs/default/kubernetes');
    expect(etcdKey('apps/deployments/kube-system/coredns')).toBe('/registry/deployments/kube-system/coredns');
    expect(etcdKey('apiextensions.k8s.io/customresourcedefinitions//foos.example.com')).toBe('/registry/apiextensions.k8s.io/customresourcedefinitions/foos.example.com');
  });

  it('prints sizes as go-humanize does', () => {
    expect(humanBytes(5_123_456)).toBe('5.1 MB');
    expect(humanBytes(73_000)).toBe('73 kB');
    expect(humanBytes(512)).toBe('512 B');
  });
});

describe('date', () => {
  it('formats like GNU date in UTC', () => {
    expect(strftime('%a %b %e %H:%M:%S %Z %Y', T0)).toBe('Thu Jan  1 09:00:03 UTC 2026');
    expect(strftime('%F %T %s %j %-d', T0)).toBe(`2026-01-01 09:00:03 ${T0 / 1000} 001 1`);
  });
  it('parses the -d forms people use', () => {
    expect(parseDate('2 hours ago', T0)).toBe(T0 - 7_200_000);
    expect(parseDate('@0', T0)).toBe(0);
    expect(parseDate('2026-02-03 04:05:06', T0)).toBe(Date.UTC(2026, 1, 3, 4, 5, 6));
    expect(parseDate('next fortnight-ish', T0)).toBeUndefined();
  });
});

describe('durations', () => {
  it('systemd relative times', () => {
    expect(systemdAgo(3_000)).toBe('3s ago');
    expect(systemdAgo(125_000)).toBe('2min 5s ago');
    expect(systemdAgo(3 * 86_400_000)).toBe('3 days ago');
  });
  it('go-units human durations', () => {
    expect(humanDuration(500)).toBe('Less than a second');
    expect(humanDuration(90_000)).toBe('About a minute');
    expect(humanDuration(2 * 86_400_000)).toBe('2 days');
  });
});

describe('shell options and node state', () => {
  it('keeps set -e across lines and stops a failing script', async () => {
    const t = new Terminal({ world: defaultWorld() });
    await t.run('set -e');
    const r = await t.run('false; echo after');
    expect(r.stdout).toBe('');
    expect(r.exitCode).toBe(1);
    await t.run('set +e');
    expect((await t.run('false; echo after')).stdout).toBe('after\n');
  });

  it('restarting the kubelet on a worker keeps its node Ready and logs systemd lines', async () => {
    const world = defaultWorld();
    const t = new Terminal({ world });
    const r = await t.run('ssh node01 systemctl restart kubelet');
    expect(r.exitCode).toBe(0);
    expect(world.host('node01').state.units.kubelet?.active).toBe(true);
    expect(world.host('node01').state.journal.kubelet?.some((l) => l.endsWith('Started kubelet.service - kubelet: The Kubernetes Node Agent.'))).toBe(true);
  });
});
