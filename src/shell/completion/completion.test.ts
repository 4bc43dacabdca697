import { beforeAll, describe, expect, it } from 'vitest';
import { defaultWorld } from '../../engine/bootstrap';
import { Terminal } from '../terminal';

let t: Terminal;

/** What Tab offers at the end of `line`: the candidates and the text they replace. */
function tab(line: string): { word: string; candidates: string[] } {
  const c = t.complete(line, line.length);
  return { word: line.slice(c.replacementStart), candidates: c.candidates };
}
const cands = (line: string) => tab(line).candidates;

beforeAll(async () => {
  t = new Terminal({ world: defaultWorld(1) });
  const setup = [
    'kubectl run nginx --image=nginx',
    'kubectl run nginx-2 --image=nginx',
    'kubectl create deployment web --image=nginx --replicas=2',
    'kubectl create namespace team-a',
    'kubectl -n team-a run api --image=nginx',
    'kubectl config set-context dev --cluster=kubernetes --user=kubernetes-admin --namespace=team-a',
    'mkdir -p /root/manifests/sub && touch /root/manifests/pod.yaml /root/manifests/pvc.yaml /root/.hidden',
    'alias kgp="kubectl get pods"',
  ];
  for (const l of setup) {
    const r = await t.run(l);
    expect(r.exitCode, `${l}: ${r.stderr}`).toBe(0);
  }
});

describe('command names', () => {
  it('completes our tools, built-ins and aliases', () => {
    expect(cands('kube')).toEqual(['kubeadm', 'kubectl', 'kubelet']);
    expect(cands('etcd')).toEqual(['etcdctl', 'etcdutl']);
    expect(cands('k')).toContain('k');
    expect(cands('kg')).toEqual(['kgp']);
    expect(cands('expo')).toEqual(['export']);
    expect(cands('journ')).toEqual(['journalctl']);
  });
  it('a command after a pipe, `;`, `&&` or `$(` is a command again', () => {
    expect(cands('kubectl get pods | gre')).toContain('grep');
    expect(cands('echo hi && hostn')).toEqual(['hostname']);
    expect(cands('echo $(whoa')).toEqual(['whoami']);
  });
  it('wrappers complete the command they run', () => {
    expect(cands('sudo systemc')).toEqual(['systemctl']);
    expect(cands('watch -n 2 kubectl get no')).toEqual(['nodes']);
  });
});

describe('file names', () => {
  it('completes relative to the working directory, directories with a slash', () => {
    expect(tab('cat manif')).toEqual({ word: 'manif', candidates: ['manifests/'] });
    expect(tab('cat manifests/p')).toEqual({ word: 'p', candidates: ['pod.yaml', 'pvc.yaml'] });
    expect(cands('ls /etc/kubernetes/')).toEqual(expect.arrayContaining(['admin.conf', 'manifests/', 'pki/']));
    expect(cands('cat ~/manifests/po')).toEqual(['pod.yaml']);
  });
  it('hides dot files unless a dot is typed; cd offers directories only', () => {
    expect(cands('ls ')).not.toContain('.hidden');
    expect(cands('ls .hid')).toEqual(['.hidden']);
    expect(cands('cd manifests/')).toEqual(['sub/']);
  });
  it('after a redirection', () => {
    expect(cands('kubectl get pods > manifests/pv')).toEqual(['pvc.yaml']);
  });
  it('kubectl -f takes files', () => {
    expect(cands('kubectl apply -f manifests/po')).toEqual(['pod.yaml']);
    expect(cands('k create -f manifests/')).toEqual(['pod.yaml', 'pvc.yaml', 'sub/']);
  });
});

describe('kubectl', () => {
  it('verbs', () => {
    expect(cands('kubectl ge')).toEqual(['get']);
    expect(cands('kubectl de')).toEqual(['debug', 'delete', 'describe']);
    expect(cands('kubectl ')).toEqual(expect.arrayContaining(['apply', 'get', 'rollout', 'version']));
    expect(cands('k ro')).toEqual(['rollout']);
  });
  it('subcommands', () => {
    expect(cands('kubectl create dep')).toEqual(['deployment']);
    expect(cands('kubectl config use')).toEqual(['use-context']);
    expect(cands('kubectl rollout ')).toEqual(['history', 'pause', 'restart', 'resume', 'status', 'undo']);
    expect(cands('kubectl create secret ')).toEqual(expect.arrayContaining(['docker-registry', 'generic', 'tls']));
  });
  it('flags of the verb and the global ones', () => {
    expect(cands('kubectl get --all')).toEqual(['--all-namespaces']);
    expect(cands('kubectl get pods --sh')).toEqual(['--show-kind', '--show-labels', '--show-managed-fields']);
    expect(cands('kubectl get -')).toEqual(expect.arrayContaining(['-A', '-o', '-n', '--output', '--namespace']));
    expect(cands('kubectl create deployment web --rep')).toEqual(['--replicas']);
    expect(cands('kubectl get pods -o wide --out')).toEqual(['--output-watch-events']);
  });
  it('flag values: namespaces, contexts, output formats', () => {
    expect(cands('kubectl get pods -n kube-')).toEqual(['kube-node-lease', 'kube-public', 'kube-system']);
    expect(tab('kubectl get pods --namespace=te')).toEqual({ word: 'te', candidates: ['team-a'] });
    expect(cands('kubectl get pods -o ya')).toEqual(['yaml']);
    expect(cands('kubectl get pods -o j')).toEqual(['json', 'jsonpath', 'jsonpath-as-json', 'jsonpath-file']);
    expect(cands('kubectl --context ')).toEqual(['dev', 'kubernetes-admin@kubernetes']);
  });
  it('resource types as api-resources -o name prints them', () => {
    expect(cands('kubectl get deploy')).toEqual(['deployments.apps']);
    expect(cands('kubectl get po')).toEqual(expect.arrayContaining(['pods', 'podtemplates']));
    expect(cands('kubectl describe persistentvolumec')).toEqual(['persistentvolumeclaims']);
  });
  it('object names of the kind, in the namespace of -n (short names work)', () => {
    expect(cands('kubectl get pods ')).toEqual(expect.arrayContaining(['nginx', 'nginx-2']));
    expect(cands('kubectl get po ngi')).toEqual(['nginx', 'nginx-2']);
    expect(cands('kubectl delete po nginx ')).not.toContain('nginx');
    expect(cands('k get deploy ')).toEqual(['web']);
    expect(cands('kubectl -n team-a get pod ')).toEqual(['api']);
    expect(cands('kubectl get pod -n team-a ')).toEqual(['api']);
    expect(cands('kubectl get ns team')).toEqual(['team-a']);
    expect(cands('kubectl describe deploy/')).toEqual(['deploy/web']);
  });
  it('pods for logs and exec, containers after the pod', () => {
    expect(cands('kubectl logs ng')).toEqual(['nginx', 'nginx-2']);
    expect(cands('kubectl exec -it ngin')).toEqual(['nginx', 'nginx-2']);
    expect(cands('kubectl logs nginx ')).toEqual(['nginx']);
  });
  it('context names after use-context, nodes after cordon/drain/taint', () => {
    expect(cands('kubectl config use-context ')).toEqual(['dev', 'kubernetes-admin@kubernetes']);
    expect(cands('kubectl cordon ')).toEqual(['controlplane', 'node01', 'node02']);
    expect(cands('kubectl drain node0')).toEqual(['node01', 'node02']);
    expect(cands('kubectl taint ')).toEqual(['node']);
    expect(cands('kubectl taint node n')).toEqual(['node01', 'node02']);
  });
  it('verbs with a few kinds: rollout, scale, expose', () => {
    expect(cands('kubectl rollout status ')).toEqual(['daemonset', 'deployment', 'statefulset']);
    expect(cands('kubectl rollout status deployment ')).toEqual(['web']);
    expect(cands('kubectl scale deployment w')).toEqual(['web']);
    expect(cands('kubectl completion ')).toEqual(['bash', 'fish', 'powershell', 'zsh']);
  });
  it('aliases with arguments expand: kgp completes pod names', () => {
    expect(cands('kgp ng')).toEqual(['nginx', 'nginx-2']);
  });
});

describe('other commands', () => {
  it('ssh completes host names, $ completes variables', () => {
    expect(cands('ssh node')).toEqual(['node01', 'node02']);
    expect(tab('echo $HO')).toEqual({ word: 'HO', candidates: ['HOME', 'HOSTNAME'] });
  });
  it('nothing to complete gives no candidates and never throws', () => {
    expect(cands('kubectl get pods --namespace=nope ')).toEqual([]);
    expect(cands('cat /no/such/')).toEqual([]);
    expect(cands('zzzz')).toEqual([]);
  });
});
