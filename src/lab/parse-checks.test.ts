import { expect, test } from 'vitest';
import { LabError } from './errors';
import { parseLab } from './parse';

function parseCheck(body: string) {
  const yaml = `title: T\nsolution: "true"\nchecks:\n  - title: C\n${body.replace(/^/gm, '    ')}\n`;
  try {
    return parseLab('labs/c', { 'lab.yaml': yaml, 'README.md': 'x\n' }).checks[0];
  } catch (e) {
    if (e instanceof LabError) return e.reason;
    throw e;
  }
}

test('every new check type parses with its fields and defaults', () => {
  expect(parseCheck('type: absent\nkind: Pod\nname: p')).toEqual({ type: 'absent', title: 'C', weight: 1, kind: 'Pod', name: 'p' });
  expect(parseCheck('type: count\nkind: Pod\nselector: app=a\ncount: 2')).toEqual({ type: 'count', title: 'C', weight: 1, kind: 'Pod', selector: 'app=a', count: 2 });
  expect(parseCheck('type: nodeSchedulable\nname: node01')).toEqual({ type: 'nodeSchedulable', title: 'C', weight: 1, name: 'node01', schedulable: true });
  expect(parseCheck('type: nodeTainted\nname: n\nkey: k\neffect: NoExecute\ninitially: true')).toEqual({ type: 'nodeTainted', title: 'C', weight: 1, initially: true, name: 'n', key: 'k', effect: 'NoExecute', tainted: true });
  expect(parseCheck('type: run\ncommand: hostname\nhost: node01\nexitCode: 0')).toEqual({ type: 'run', title: 'C', weight: 1, command: 'hostname', host: 'node01', exitCode: 0 });
  expect(parseCheck('type: rolloutComplete\nname: web\nimage: nginx\nrevision: 2')).toEqual({ type: 'rolloutComplete', title: 'C', weight: 1, name: 'web', image: 'nginx', revision: 2 });
  expect(parseCheck('type: field\nkind: Pod\nname: p\npath: spec.x\ngreaterThan: 1\nlessThan: 5')).toMatchObject({ greaterThan: 1, lessThan: 5 });
});

test('each type refuses what it cannot grade, naming the check', () => {
  expect(parseCheck('type: restartCount\nname: p')).toBe('checks[0] (restartCount) needs min, max or both');
  expect(parseCheck('type: eventSeen\nnamespace: x')).toBe('checks[0] (eventSeen) needs at least one of reason, involvedName, message');
  expect(parseCheck('type: nodeTainted\nname: n\nkey: k\neffect: NoWay')).toBe('checks[0] (nodeTainted).effect must be one of: NoSchedule | PreferNoSchedule | NoExecute; got "NoWay"');
  expect(parseCheck('type: nodeSchedulable\nname: n\nschedulable: "no"')).toBe('checks[0] (nodeSchedulable).schedulable must be true or false, got string "no"');
  expect(parseCheck('type: run\nhost: x')).toBe('checks[0] (run) is missing required field "command"');
  expect(parseCheck('type: run\ncommand: x\nstdoutMatches: "("')).toMatch(/^checks\[0\] \(run\)\.stdoutMatches is not a valid regular expression/);
  expect(parseCheck('type: fileExists\npath: root/x')).toBe('checks[0] (fileExists).path must be absolute, got "root/x"');
  expect(parseCheck('type: field\nkind: Pod\nname: p\npath: a\noneOf: []')).toBe('checks[0] (field).oneOf must be a non-empty list');
  expect(parseCheck('type: absent\nkind: Pod\nname: p\nimage: x')).toBe('unknown field "image" in checks[0] (absent) (allowed: type, title, weight, initially, cluster, kind, name, namespace)');
});

test('etcdSnapshot, certificate, nodeVersion and run as: parse with their fields', () => {
  expect(parseCheck('type: etcdSnapshot\npath: /opt/snap.db\nminKeys: 10\nkind: Deployment\nname: web\nnamespace: prod')).toEqual({ type: 'etcdSnapshot', title: 'C', weight: 1, path: '/opt/snap.db', minKeys: 10, kind: 'Deployment', name: 'web', namespace: 'prod' });
  expect(parseCheck('type: certificate\npath: /root/alice.crt\nhost: node01\ncommonName: alice\norganization: dev\nissuer: kubernetes\nnotExpired: true\nminDaysLeft: 300')).toEqual({
    type: 'certificate', title: 'C', weight: 1, path: '/root/alice.crt', host: 'node01', commonName: 'alice', organization: 'dev', issuer: 'kubernetes', notExpired: true, minDaysLeft: 300,
  });
  expect(parseCheck('type: nodeVersion\nname: node01\nversion: v1.35.1\ncluster: k8s-c2')).toEqual({ type: 'nodeVersion', title: 'C', weight: 1, name: 'node01', version: 'v1.35.1', cluster: 'k8s-c2' });
  expect(parseCheck('type: run\nas: alice\nhost: node01\ncommand: kubectl get pods')).toEqual({ type: 'run', title: 'C', weight: 1, as: 'alice', host: 'node01', command: 'kubectl get pods' });
});

test('etcdSnapshot, certificate and nodeVersion refuse what they cannot grade', () => {
  expect(parseCheck('type: etcdSnapshot\npath: /opt/s.db\nkind: Pod')).toBe('checks[0] (etcdSnapshot) needs kind and name together (the object the snapshot must hold)');
  expect(parseCheck('type: etcdSnapshot\npath: /opt/s.db\nnamespace: x')).toBe('checks[0] (etcdSnapshot).namespace goes with kind and name');
  expect(parseCheck('type: etcdSnapshot\npath: snap.db')).toBe('checks[0] (etcdSnapshot).path must be absolute, got "snap.db"');
  expect(parseCheck('type: certificate\npath: /x.crt\nnotExpired: yes please')).toBe('checks[0] (certificate).notExpired must be true or false, got string "yes please"');
  expect(parseCheck('type: certificate\npath: /x.crt\nminDaysLeft: -1')).toBe('checks[0] (certificate).minDaysLeft must be at least 0, got -1');
  expect(parseCheck('type: nodeVersion\nname: n')).toBe('checks[0] (nodeVersion) is missing required field "version"');
  expect(parseCheck('type: nodeVersion\nname: n\nversion: "1.35.1"')).toBe('checks[0] (nodeVersion).version must look like v1.35.1 (or v1.35 for any patch release), got "1.35.1"');
});
