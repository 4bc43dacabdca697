import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildLabWorld, runSolution } from './environment';
import { gradeLab } from './grade';
import { parseLab } from './parse';
import { proveLab } from './prove';

function lab(yaml: string) {
  return parseLab('labs/t', { 'lab.yaml': yaml, 'README.md': 'Do it.\n' });
}

const TAIL = `solution: kubectl create configmap done --from-literal=k=v
checks:
  - type: exists
    title: ConfigMap done exists
    kind: ConfigMap
    name: done
`;

describe('buildLabWorld', () => {
  test('writes files, creates objects through the API server, then runs setup', async () => {
    const world = await buildLabWorld(
      lab(`title: T
environment:
  files:
    - path: /opt/app/config.yaml
      content: "level: debug\\n"
      mode: "0600"
  objects:
    - apiVersion: v1
      kind: ConfigMap
      metadata: {name: settings}
      data: {mode: fast}
  setup: |
    kubectl create configmap from-setup --from-literal=seen=$(cat /opt/app/config.yaml | cut -d' ' -f2)
    echo hidden
${TAIL}`),
    );
    const cp = world.host('controlplane');
    expect(cp.fs.read('/opt/app/config.yaml')).toBe('level: debug\n');
    expect(cp.fs.stat('/opt/app/config.yaml')?.mode).toBe(0o600);
    const api = world.cluster('kubernetes').api;
    const cm = api.lookup('configmaps');
    expect(cm && api.tryGet(cm, 'default', 'settings')?.metadata.uid).toBeTruthy();
    expect(cm && (api.tryGet(cm, 'default', 'from-setup') as { data?: Record<string, string> } | undefined)?.data).toEqual({ seen: 'debug' });
  });

  test('an object the API server refuses names its place in the lab', async () => {
    await expect(buildLabWorld(lab(`title: T\nenvironment:\n  objects:\n    - {apiVersion: v1, kind: ConfigMap, metadata: {name: x, namespace: nowhere}}\n${TAIL}`))).rejects.toThrow(
      /^lab t: environment\.objects\[0\]: namespaces "nowhere" not found$/,
    );
  });

  test('a failing setup makes the lab fail to build', async () => {
    await expect(buildLabWorld(lab(`title: T\nenvironment:\n  setup: |\n    echo oops >&2\n    exit 4\n${TAIL}`))).rejects.toThrow('lab t: setup failed with status 4 at `exit 4`: oops');
  });
});

describe('proveLab', () => {
  test('the real Pods and Deployments lab: every check fails before and passes after its solution', async () => {
    const dir = join(__dirname, '../../labs/pods-and-deployments');
    const real = parseLab('labs/pods-and-deployments', Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')])));
    const world = await buildLabWorld(real);
    const before = await gradeLab(real, world);
    expect(before.checks.filter((c) => c.passed)).toEqual([]);
    expect(before.score).toBe(0);
    expect(before.total).toBe(10);
    const run = await runSolution(real, world);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    const after = await gradeLab(real, world);
    expect(after.checks.filter((c) => !c.passed)).toEqual([]);
    expect(after).toMatchObject({ score: 10, total: 10, passed: true });
  });

  test('a check that passes before the solution breaks the proof', async () => {
    const proof = await proveLab(lab(`title: T\n${TAIL}  - type: exists\n    title: Namespace default exists\n    kind: Namespace\n    name: default\n`));
    expect(proof).toEqual({ ok: false, problems: ['check "Namespace default exists" passed before the solution (Namespace "default" exists); fix the check or mark it "initially: true"'] });
  });

  test('a solution that does not reach the checked state breaks the proof', async () => {
    const proof = await proveLab(lab('title: T\nsolution: kubectl create configmap done\nchecks:\n  - type: exists\n    title: ConfigMap finished exists\n    kind: ConfigMap\n    name: finished\n'));
    expect(proof).toEqual({ ok: false, problems: ['check "ConfigMap finished exists" failed after the solution: ConfigMap "finished" in namespace "default" not found'] });
  });
});

describe('cluster add-ons and CNI', () => {
  const env = (extra: string) => `title: T
environment:
  clusters:
    - name: kubernetes
${extra}
      nodes:
        - { name: controlplane, role: control-plane }
        - { name: node01 }
${TAIL}`;

  test('addons install metrics-server and local-path with the cluster', async () => {
    const world = await buildLabWorld(lab(env('      cni: flannel\n      addons: [metrics-server, local-path]')));
    const api = world.cluster('kubernetes').api;
    expect(api.tryGet(api.lookup('deployments')!, 'kube-system', 'metrics-server')).toBeDefined();
    expect(api.tryGet(api.lookup('storageclasses')!, undefined, 'local-path')).toBeDefined();
    expect(world.host('node01').fs.tryRead('/etc/cni/net.d/10-flannel.conflist')).toBeDefined();
  });

  test('an unknown add-on is refused with the known ones', () => {
    expect(() => lab(env('      addons: [dashboard]'))).toThrow(/labs\/t\/lab\.yaml:\d+: environment\.clusters\[0\]\.addons: unknown add-on "dashboard" \(known: local-path, metrics-server, ingress-nginx, gateway-api\)/);
  });
});
