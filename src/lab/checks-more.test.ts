import { beforeAll, describe, expect, test } from 'vitest';
import { defaultWorld } from '../engine/bootstrap';
import type { World } from '../engine/world';
import { Terminal } from '../shell/terminal';
import { evaluateCheck } from './checks';
import { runScript } from './script';
import type { Check } from './types';

// One real world, driven by kubectl as a learner would: a crashing pod, a finished rollout,
// a broken one, a cordoned and a tainted node, a pod the scheduler cannot place, files.
let world: World;
const base = { title: 't', weight: 1 };
const verdict = (check: Check) => evaluateCheck(check, world);

beforeAll(async () => {
  world = defaultWorld(3);
  const res = await runScript(new Terminal({ world }), 'controlplane', `
kubectl create deployment web --image=nginx:1.27 --replicas=2
kubectl create deployment typo --image=ngnix
kubectl run crash --image=busybox --command -- sh -c 'exit 1'
kubectl rollout status deployment web --timeout=120s
kubectl set image deployment/web nginx=nginx:1.28
kubectl rollout status deployment web --timeout=120s
kubectl cordon node02
kubectl taint nodes node01 dedicated=gpu:NoSchedule
kubectl run stuck --image=nginx
sleep 90
printf 'kind: Pod\\nmetadata:\\n  name: x\\n' > /root/pod.yaml
printf 'a: [1, 2\\n' > /root/broken.yaml
`, { stopOnError: true });
  expect(res.stderr).toBe('');
}, 30_000);

describe('more check types', () => {
  test('absent and count', async () => {
    expect(await verdict({ ...base, type: 'absent', kind: 'Pod', name: 'nope' })).toEqual({ passed: true, reason: 'Pod "nope" in namespace "default" not found' });
    expect(await verdict({ ...base, type: 'absent', kind: 'deploy', name: 'web' })).toEqual({ passed: false, reason: 'Deployment "web" in namespace "default" exists, expected it to be gone' });
    expect(await verdict({ ...base, type: 'count', kind: 'pods', selector: 'app=web', count: 2 })).toEqual({ passed: true, reason: '2 Pod objects matching "app=web" in namespace "default"' });
    expect(await verdict({ ...base, type: 'count', kind: 'Node', count: 4 })).toEqual({ passed: false, reason: '3 Node objects, expected 4' });
  });

  test('field operators oneOf, greaterThan, lessThan', async () => {
    const d = { ...base, type: 'field' as const, kind: 'Deployment', name: 'web', path: 'spec.replicas' };
    expect(await verdict({ ...d, oneOf: [2, 3] })).toEqual({ passed: true, reason: 'spec.replicas of Deployment "web" in namespace "default" is 2' });
    expect(await verdict({ ...d, oneOf: ['4', 5] })).toEqual({ passed: false, reason: 'spec.replicas of Deployment "web" in namespace "default" is 2, expected to be one of "4", 5' });
    expect((await verdict({ ...d, greaterThan: 1, lessThan: 3 })).passed).toBe(true);
    expect(await verdict({ ...d, greaterThan: 2 })).toEqual({ passed: false, reason: 'spec.replicas of Deployment "web" in namespace "default" is 2, expected to be greater than 2' });
    expect((await verdict({ ...d, path: 'metadata.name', lessThan: 3 })).passed).toBe(false);
  });

  test('podRunning and restartCount', async () => {
    expect(await verdict({ ...base, type: 'podRunning', selector: 'app=web', count: 2 })).toEqual({ passed: true, reason: '2 pods matching "app=web" in namespace "default" are Running' });
    expect(await verdict({ ...base, type: 'podRunning', name: 'stuck' })).toEqual({ passed: false, reason: 'Pod "stuck" in namespace "default" is not Running (Pending, not scheduled)' });
    const crash = await verdict({ ...base, type: 'restartCount', name: 'crash', max: 0 });
    expect(crash.passed).toBe(false);
    expect(crash.reason).toMatch(/^Pod "crash" in namespace "default" restarted [1-9]\d* times?, expected at most 0$/);
    expect((await verdict({ ...base, type: 'restartCount', name: 'crash', container: 'crash', min: 1 })).passed).toBe(true);
    expect(await verdict({ ...base, type: 'restartCount', name: 'crash', container: 'app', min: 1 })).toEqual({ passed: false, reason: 'Pod "crash" in namespace "default" has no container "app" with a status' });
  });

  test('rolloutComplete with image and revision, and a rollout that is stuck', async () => {
    expect(await verdict({ ...base, type: 'rolloutComplete', name: 'web', image: 'nginx:1.28', revision: 2 })).toEqual({ passed: true, reason: 'Deployment "web" in namespace "default" successfully rolled out (revision 2)' });
    expect(await verdict({ ...base, type: 'rolloutComplete', name: 'web', image: 'nginx:1.27' })).toEqual({ passed: false, reason: 'Deployment "web" in namespace "default" runs image "nginx:1.28" in container "nginx", expected "nginx:1.27"' });
    expect(await verdict({ ...base, type: 'rolloutComplete', name: 'web', revision: 3 })).toEqual({ passed: false, reason: 'Deployment "web" in namespace "default" is at revision 2, expected 3' });
    expect(await verdict({ ...base, type: 'rolloutComplete', name: 'typo' })).toEqual({ passed: false, reason: 'Deployment "typo" in namespace "default" has not finished rolling out: 0 of 1 updated replicas are available' });
  });

  test('nodeSchedulable and nodeTainted', async () => {
    expect(await verdict({ ...base, type: 'nodeSchedulable', name: 'node02', schedulable: false })).toEqual({ passed: true, reason: 'Node "node02" is cordoned (SchedulingDisabled)' });
    expect(await verdict({ ...base, type: 'nodeSchedulable', name: 'node02', schedulable: true })).toEqual({ passed: false, reason: 'Node "node02" is cordoned (SchedulingDisabled), expected it schedulable' });
    expect(await verdict({ ...base, type: 'nodeTainted', name: 'node01', key: 'dedicated', value: 'gpu', effect: 'NoSchedule', tainted: true })).toEqual({ passed: true, reason: 'Node "node01" has taint dedicated=gpu:NoSchedule' });
    expect(await verdict({ ...base, type: 'nodeTainted', name: 'node01', key: 'dedicated', value: 'cpu', tainted: true })).toEqual({ passed: false, reason: 'Node "node01" has taints dedicated=gpu:NoSchedule, expected taint dedicated=cpu' });
    expect(await verdict({ ...base, type: 'nodeTainted', name: 'node02', key: 'dedicated', tainted: false })).toEqual({ passed: true, reason: 'Node "node02" does not have taint dedicated' });
    expect(await verdict({ ...base, type: 'nodeTainted', name: 'node09', key: 'x', tainted: true })).toEqual({ passed: false, reason: 'Node "node09" not found' });
  });

  test('eventSeen', async () => {
    const hit = await verdict({ ...base, type: 'eventSeen', reason: 'FailedScheduling', involvedName: 'stuck', message: 'were unschedulable' });
    expect(hit.passed).toBe(true);
    expect(hit.reason).toMatch(/^event FailedScheduling on Pod\/stuck: 0\/3 nodes are available: /);
    const miss = await verdict({ ...base, type: 'eventSeen', reason: 'FailedScheduling', involvedName: 'web' });
    expect(miss.reason).toMatch(/^no event in namespace "default" with reason FailedScheduling, about web \(\d+ events recorded\)$/);
  });

  test('fileExists and fileParsesAsYaml', async () => {
    expect(await verdict({ ...base, type: 'fileExists', path: '/root/pod.yaml' })).toEqual({ passed: true, reason: '/root/pod.yaml exists on controlplane' });
    expect(await verdict({ ...base, type: 'fileExists', host: 'node01', path: '/root/pod.yaml' })).toEqual({ passed: false, reason: '/root/pod.yaml does not exist on node01' });
    expect(await verdict({ ...base, type: 'fileParsesAsYaml', path: '/root/pod.yaml', kind: 'Pod' })).toEqual({ passed: true, reason: '/root/pod.yaml on controlplane is a Pod manifest' });
    expect(await verdict({ ...base, type: 'fileParsesAsYaml', path: '/root/pod.yaml', kind: 'Deployment' })).toEqual({ passed: false, reason: '/root/pod.yaml on controlplane has kind "Pod", expected "Deployment"' });
    const broken = await verdict({ ...base, type: 'fileParsesAsYaml', path: '/root/broken.yaml' });
    expect(broken.passed).toBe(false);
    expect(broken.reason).toMatch(/^\/root\/broken\.yaml on controlplane is not valid YAML \(line \d+: /);
  });

  test('run: exit code and stdout, on a host, in a fresh shell on the same world', async () => {
    expect(await verdict({ ...base, type: 'run', command: 'kubectl get deploy web -o jsonpath={.spec.replicas}', stdout: '2' })).toEqual({ passed: true, reason: '`kubectl get deploy web -o jsonpath={.spec.replicas}` exited with status 0 and printed "2"' });
    expect(await verdict({ ...base, type: 'run', command: 'kubectl get pod nope' })).toEqual({ passed: false, reason: '`kubectl get pod nope` exited with status 1, expected 0 (Error from server (NotFound): pods "nope" not found)' });
    expect(await verdict({ ...base, type: 'run', command: 'kubectl get pod nope', exitCode: 1 })).toMatchObject({ passed: true });
    expect(await verdict({ ...base, type: 'run', host: 'node01', command: 'hostname', stdoutContains: 'node' })).toMatchObject({ passed: true });
    expect(await verdict({ ...base, type: 'run', command: 'hostname', stdoutMatches: '^node\\d+$' })).toEqual({ passed: false, reason: '`hostname` printed "controlplane", expected a match for /^node\\d+$/' });
    expect(await verdict({ ...base, type: 'run', command: 'echo a; echo b', stdout: 'a\nb\n' })).toMatchObject({ passed: true });
  });
});
