import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { defaultWorld } from '../engine/bootstrap';
import type { World } from '../engine/world';
import { Terminal } from '../shell/terminal';
import { buildLabWorld } from './environment';
import { exportEnvironment, exportEnvironmentYaml } from './export';
import { parseLab } from './parse';
import { runScript } from './script';

async function sh(world: World, script: string, host = 'controlplane'): Promise<void> {
  const r = await runScript(new Terminal({ world }), host, script, { stopOnError: true });
  expect(r.stderr).toBe('');
  world.settle();
}

function names(world: World, kind: string): string[] {
  const c = [...world.clusters.values()][0];
  if (!c) return [];
  return [...c.api.all()].filter((o) => o.kind === kind).map((o) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`).sort();
}

/** Splices the exported block into a lab.yaml and builds that lab's world. */
async function roundTrip(world: World): Promise<World> {
  const yaml = `id: exported\ntitle: Exported\ninstructions: x\n${exportEnvironmentYaml(world)}checks:\n  - { type: exists, title: t, kind: Namespace, name: default }\nsolution: "true"\n`;
  const lab = parseLab('exported', { 'lab.yaml': yaml });
  return buildLabWorld(lab);
}

describe('exportEnvironment', () => {
  it('a fresh default world exports only its cluster and nodes', () => {
    const env = exportEnvironment(defaultWorld(1));
    expect(env).toEqual({
      clusters: [
        {
          name: 'kubernetes',
          version: 'v1.35.0',
          nodes: [
            { name: 'controlplane', role: 'control-plane', ip: expect.any(String) },
            { name: 'node01', ip: expect.any(String) },
            { name: 'node02', ip: expect.any(String) },
          ],
        },
      ],
    });
  });

  it('keeps what the learner made and leaves out what the cluster made', async () => {
    const w = defaultWorld(1);
    await sh(
      w,
      [
        'kubectl create namespace shop',
        'kubectl create deployment web -n shop --image=nginx:1.27 --replicas=2',
        'kubectl expose deployment web -n shop --port=80',
        'kubectl create configmap cfg --from-literal=a=b',
        'kubectl run solo --image=redis:7',
        'kubectl label node node01 accelerator=gpu',
        'kubectl taint node node01 dedicated=gpu:NoSchedule',
        'echo hello > /root/note.txt',
        'sed -i "s/--v=2/--v=3/" /etc/kubernetes/manifests/kube-scheduler.yaml || true',
      ].join('\n'),
    );
    const env = exportEnvironment(w);
    const cluster = env.clusters?.[0];
    const objects = (cluster?.objects ?? []) as { kind: string; metadata: { name: string; namespace?: string } }[];
    const keys = objects.map((o) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`);
    expect(keys[0]).toBe('Namespace//shop');
    expect([...keys].sort()).toEqual(['ConfigMap/default/cfg', 'Deployment/shop/web', 'Namespace//shop', 'Pod/default/solo', 'Service/shop/web']);
    const node01 = cluster?.nodes.find((n) => n.name === 'node01');
    expect(node01?.labels).toEqual({ accelerator: 'gpu' });
    expect(node01?.taints).toEqual([{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }]);
    expect(cluster?.nodes.find((n) => n.name === 'controlplane')?.taints).toBeUndefined();
    expect(env.files?.map((f) => f.path)).toContain('/root/note.txt');
    expect(env.files?.find((f) => f.path === '/root/note.txt')?.content).toBe('hello\n');
    // Server-set fields are gone: the manifest reads like one an author wrote.
    const pod = objects.find((o) => o.kind === 'Pod') as unknown as Record<string, unknown> & { metadata: Record<string, unknown> };
    expect(pod.status).toBeUndefined();
    expect(pod.metadata.uid).toBeUndefined();
    expect(JSON.stringify(pod)).not.toContain('kube-api-access-');
  });

  it('the exported block parses back and builds a world holding the same objects', async () => {
    const w = defaultWorld(1);
    await sh(
      w,
      [
        'kubectl create namespace shop',
        'kubectl create deployment web -n shop --image=nginx:1.27 --replicas=2',
        'kubectl expose deployment web -n shop --port=80 --type=NodePort',
        'kubectl run solo --image=redis:7',
        'kubectl label node node01 accelerator=gpu',
        'kubectl taint node node02 maintenance=true:NoSchedule',
        'printf "a: 1\\n" > /root/app.yaml && chmod 600 /root/app.yaml',
      ].join('\n'),
    );
    const rebuilt = await roundTrip(w);
    for (const kind of ['Namespace', 'Deployment', 'Service', 'ConfigMap']) expect(names(rebuilt, kind)).toEqual(names(w, kind));
    expect(names(rebuilt, 'Pod').filter((n) => n.startsWith('default/'))).toEqual(['default/solo']);
    expect(names(rebuilt, 'Pod').filter((n) => n.startsWith('shop/'))).toHaveLength(2);
    const node = [...rebuilt.clusters.values()][0]?.api.tryGet(w.cluster('kubernetes').api.lookup('nodes')!, undefined, 'node01');
    expect(node?.metadata.labels?.accelerator).toBe('gpu');
    const node02 = [...rebuilt.clusters.values()][0]?.api.tryGet(w.cluster('kubernetes').api.lookup('nodes')!, undefined, 'node02');
    expect(JSON.stringify(node02?.spec)).toContain('maintenance');
    const file = rebuilt.host('controlplane').fs.lstat('/root/app.yaml');
    expect(file?.type === 'file' && file.content).toBe('a: 1\n');
    expect(file?.mode).toBe(0o600);
    // Exporting the rebuilt world gives the same block again.
    expect(parse(exportEnvironmentYaml(rebuilt))).toEqual(parse(exportEnvironmentYaml(w)));
  });

  it('keeps every cluster of a multi-cluster world with its context', async () => {
    const yaml = `id: two\ntitle: Two\ninstructions: x\nenvironment:\n  clusters:\n    - name: k8s-c1\n      context: k8s-c1\n      nodes: [{ name: c1-cp, role: control-plane }, { name: c1-n1 }]\n    - name: k8s-c2\n      context: k8s-c2\n      nodes: [{ name: c2-cp, role: control-plane }]\nchecks:\n  - { type: exists, title: t, kind: Namespace, name: default }\nsolution: "true"\n`;
    const w = await buildLabWorld(parseLab('two', { 'lab.yaml': yaml }));
    await sh(w, 'kubectl --context k8s-c2 create namespace only-on-c2', 'c1-cp');
    const env = exportEnvironment(w);
    expect(env.clusters?.map((c) => [c.name, c.context, c.nodes.map((n) => n.name)])).toEqual([
      ['k8s-c1', 'k8s-c1', ['c1-cp', 'c1-n1']],
      ['k8s-c2', 'k8s-c2', ['c2-cp']],
    ]);
    expect(env.clusters?.[0]?.objects).toBeUndefined();
    expect((env.clusters?.[1]?.objects as { metadata: { name: string } }[]).map((o) => o.metadata.name)).toEqual(['only-on-c2']);
    const rebuilt = await roundTrip(w);
    expect([...rebuilt.clusters.keys()]).toEqual(['k8s-c1', 'k8s-c2']);
  });

  it('turns in-place changes into setup lines: a cordon, a stopped kubelet, an edited bootstrap object', async () => {
    const w = defaultWorld(2);
    expect(exportEnvironment(w).setup).toBeUndefined();
    await sh(
      w,
      [
        'kubectl cordon node01',
        'ssh node02 systemctl stop kubelet',
        'kubectl -n kube-system patch configmap coredns --type merge -p \'{"data":{"Corefile":".:53 {\\n    forward . 8.8.8.8\\n}\\n"}}\'',
      ].join('\n'),
    );
    const setup = exportEnvironment(w).setup ?? '';
    expect(setup).toContain('kubectl cordon node01\n');
    expect(setup).toContain('ssh node02 systemctl stop kubelet\n');
    expect(setup).toMatch(/^kubectl replace -f - <<'EOF'\napiVersion: v1\nkind: ConfigMap\n/m);
    expect(setup).toContain('forward . 8.8.8.8');
    // The setup runs in the rebuilt lab and brings the same changes back.
    const rebuilt = await roundTrip(w);
    rebuilt.settle();
    const cluster = [...rebuilt.clusters.values()][0]!;
    const node01 = cluster.api.tryGet(cluster.api.lookup('nodes')!, undefined, 'node01');
    expect((node01?.spec as { unschedulable?: boolean }).unschedulable).toBe(true);
    expect(rebuilt.host('node02').state.units.kubelet?.active).toBe(false);
    const corefile = cluster.api.tryGet(cluster.api.lookup('configmaps')!, 'kube-system', 'coredns') as unknown as { data: { Corefile: string } };
    expect(corefile.data.Corefile).toContain('forward . 8.8.8.8');
    expect(parse(exportEnvironmentYaml(rebuilt))).toEqual(parse(exportEnvironmentYaml(w)));
  });
});
