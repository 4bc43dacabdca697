import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

const BIN = join(__dirname, '../../bin/cka-lab.mjs');

function cli(args: string[], input?: string, cwd = tmpdir()) {
  const r = spawnSync(process.execPath, [BIN, ...args], { input, cwd, encoding: 'utf8', timeout: 60_000 });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

describe('cka-lab', () => {
  test('--help prints usage from any directory', () => {
    const r = cli(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage:\n  cka-lab run \[--lab ID\|PATH\] \[--seed N\] \[--step SECONDS\] SCRIPT\|-\n/);
  });

  test('a bad command is a usage error', () => {
    const r = cli(['frobnicate']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^cka-lab: unknown command "frobnicate"\n/);
  });

  test('run: prints the script output and exits with the status of `exit 3`', () => {
    const r = cli(['run', '-'], 'echo out\necho err >&2\nhostname; echo "$USER $HOME $PWD"\nexit 3\necho never\n');
    expect(r).toEqual({ stdout: 'out\ncontrolplane\nroot /root /root\n', stderr: 'err\n', status: 3 });
  });

  test('run: a heredoc stays whole and a script file works too', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cka-run-'));
    writeFileSync(join(dir, 's.sh'), 'cat <<EOF > /root/pod.yaml\nkind: Pod\nEOF\ncat /root/pod.yaml\n');
    expect(cli(['run', 's.sh'], undefined, dir)).toEqual({ stdout: 'kind: Pod\n', stderr: '', status: 0 });
    expect(cli(['run', 'missing.sh'], undefined, dir)).toEqual({ stdout: '', stderr: 'cka-lab: missing.sh: No such file or directory\n', status: 127 });
  });

  test('run: three replicas after twenty seconds (the skeleton issue\'s done criterion)', () => {
    const r = cli(['run', '-'], 'kubectl create deployment web --image=nginx --replicas=3; sleep 20; kubectl get pods --no-headers | wc -l');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('deployment.apps/web created\n3\n');
    expect(r.status).toBe(0);
  });

  test('run --lab starts from the lab environment', () => {
    const r = cli(['run', '--lab', 'pods-and-deployments', '-'], 'kubectl get deployment api -o jsonpath={.spec.replicas}');
    expect(r).toEqual({ stdout: '1', stderr: '', status: 0 });
  });

  test('run --lab takes a lab folder or a lab.yaml outside labs/, by a relative or absolute path', () => {
    const root = mkdtempSync(join(tmpdir(), 'cka-outside-'));
    mkdirSync(join(root, 'my-lab'));
    writeFileSync(join(root, 'my-lab', 'lab.yaml'), 'title: Mine\ninstructions: x\nsolution: "true"\nenvironment:\n  setup: kubectl create namespace mine\nchecks:\n  - { type: exists, title: x, kind: Namespace, name: other }\n');
    const script = 'kubectl get ns mine -o name';
    expect(cli(['run', '--lab', 'my-lab', '-'], script, root)).toEqual({ stdout: 'namespace/mine\n', stderr: '', status: 0 });
    expect(cli(['run', '--lab', './my-lab/lab.yaml', '-'], script, root)).toEqual({ stdout: 'namespace/mine\n', stderr: '', status: 0 });
    expect(cli(['run', '--lab', join(root, 'my-lab'), '-'], script)).toEqual({ stdout: 'namespace/mine\n', stderr: '', status: 0 });
    const missing = cli(['run', '--lab', './nowhere', '-'], script, root);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/^cka-lab: no lab "\.\/nowhere": not a lab folder or lab\.yaml, and not an id under /);
  }, 60_000);

  test('import-killercoda converts a scenario folder, says what did not convert, and the result proves itself', () => {
    const root = mkdtempSync(join(tmpdir(), 'cka-import-'));
    const fixture = join(__dirname, 'fixtures/killercoda-configmaps-secrets');
    const r = cli(['import-killercoda', fixture, '--out', 'imported/cm-secrets'], undefined, root);
    expect(r.stdout).toBe('created imported/cm-secrets/lab.yaml\nNext: npx cka-lab lab check imported/cm-secrets\n');
    expect(r.stderr).toBe(
      'warning: details.intro.foreground: foreground scripts are not converted (the terminal starts at a prompt)\n' +
        'warning: details.finish: the finish page is not converted (the page shows the results instead)\n',
    );
    expect(r.status).toBe(0);
    expect(cli(['lab', 'check', 'imported'], undefined, root).stdout).toBe('ok   cm-secrets  3 steps, 3 checks, seeds 1 2 3\n');
    expect(cli(['import-killercoda', fixture, '--out', 'imported/cm-secrets'], undefined, root)).toMatchObject({ status: 2, stderr: 'cka-lab: import-killercoda: imported/cm-secrets/lab.yaml already exists\n' });
    expect(cli(['import-killercoda', root], undefined, root)).toMatchObject({ status: 1, stderr: `cka-lab: import-killercoda: ${root}: no index.json: not a Killercoda scenario folder\n` });
  }, 120_000);

  test('lab check proves the real labs, each over three seeds', () => {
    const r = cli(['lab', 'check'], undefined, join(__dirname, '../..'));
    expect(r.stdout).toMatch(/^ok   pods-and-deployments +9 checks, seeds 1 2 3$/m);
    expect(r.stdout).toMatch(/^ok   scheduling-taints-tolerations +5 steps, 10 checks, seeds 1 2 3$/m);
    expect(r.stdout).toMatch(/^ok   mock-exam-two-clusters +exam, 3 tasks, 13 checks, seeds 1 2 3$/m);
    expect(r.stdout).toMatch(/^ok   deploy-to-a-namespace +7 checks, 4 parameters, seeds 1 2 3$/m);
    expect(r.stdout).toMatch(/^ok   troubleshoot-broken-deployment +6 checks, seeds 1 2 3$/m);
    expect(r.stdout).toMatch(/^ok   configmaps-and-secrets +3 steps, 3 checks, seeds 1 2 3$/m);
    expect(r.stdout).not.toMatch(/^FAIL/m);
    expect(r.status).toBe(0);
  }, 120_000);

  test('lab check refuses broken labs with a useful message: YAML error, unknown check type, early check, failing solution; a guard marked initially passes', () => {
    const root = mkdtempSync(join(tmpdir(), 'cka-labs-'));
    const lab = (name: string, yaml: string) => {
      mkdirSync(join(root, name));
      writeFileSync(join(root, name, 'lab.yaml'), yaml);
    };
    lab('a-yaml', 'title: Broken\ninstructions: x\nchecks:\n  - type: exists\n   title: x\n');
    lab('b-type', 'title: Typo\nsolution: "true"\ninstructions: x\nchecks:\n  - type: podRuning\n    title: x\n');
    lab('c-early', 'title: Early\nsolution: "true"\ninstructions: x\nchecks:\n  - type: exists\n    title: Node node01 exists\n    kind: Node\n    name: node01\n');
    lab('d-solution', 'title: Wrong\ninstructions: x\nsolution: kubectl create namespace dev\nchecks:\n  - type: exists\n    title: Namespace prod exists\n    kind: Namespace\n    name: prod\n');
    lab('f-guard', 'title: Guard\ninstructions: x\nsolution: kubectl create namespace prod\nchecks:\n  - { type: exists, title: Node node01 exists, kind: Node, name: node01, initially: true }\n  - { type: exists, title: Namespace prod exists, kind: Namespace, name: prod }\n');
    lab('e-failing', 'title: Failing\ninstructions: x\nsolution: |\n  kubectl create namespace prod\n  kubectl get pod nope\nchecks:\n  - type: exists\n    title: Namespace prod exists\n    kind: Namespace\n    name: prod\n');
    const r = cli(['lab', 'check', '.'], undefined, root);
    expect(r.stdout).toBe(
      'FAIL a-yaml: a-yaml/lab.yaml:5: YAML syntax error: Sequence item without - indicator\n' +
        'FAIL b-type: b-type/lab.yaml:5: checks[0]: unknown check type "podRuning" (known: exists, absent, field, count, podReady, podRunning, restartCount, rolloutComplete, nodeSchedulable, nodeTainted, eventSeen, fileContains, fileExists, fileParsesAsYaml, run, etcdSnapshot, certificate, nodeVersion)\n' +
        'FAIL c-early: check "Node node01 exists" passed before the solution (Node "node01" exists); fix the check or mark it "initially: true" [seed 1]\n' +
        'FAIL d-solution: check "Namespace prod exists" failed after the solution: Namespace "prod" not found [seed 1]\n' +
        'FAIL e-failing: the solution failed with status 1 at `kubectl get pod nope`: Error from server (NotFound): pods "nope" not found [seed 1]\n' +
        'ok   f-guard     2 checks, seeds 1 2 3\n',
    );
    expect(r.status).toBe(1);
  }, 60_000);

  test('lab new scaffolds a guided lab and an exam that prove themselves, and refuses what it cannot make', () => {
    const root = mkdtempSync(join(tmpdir(), 'cka-new-'));
    const labs = join(root, 'labs');
    mkdirSync(labs);
    const made = cli(['lab', 'new', 'workloads/rolling-updates'], undefined, root);
    expect(made.stderr).toBe('');
    expect(made.status).toBe(0);
    expect(made.stdout).toMatch(/^created .*labs\/workloads\/rolling-updates\/lab\.yaml\n/);
    expect(cli(['lab', 'new', 'troubleshooting/exam-one', '--exam'], undefined, root).status).toBe(0);
    const check = cli(['lab', 'check', 'labs'], undefined, root);
    expect(check.stdout).toBe('ok   exam-one         exam, 2 tasks, 3 checks, seeds 1 2 3\nok   rolling-updates  1 step, 1 check, seeds 1 2 3\n');
    expect(cli(['lab', 'new', 'workloads/rolling-updates'], undefined, root)).toMatchObject({ status: 2, stderr: 'cka-lab: lab new: labs/workloads/rolling-updates already exists\n' });
    expect(cli(['lab', 'new', 'gardening/x'], undefined, root).stderr).toBe('cka-lab: lab new: unknown domain "gardening" (one of: cluster-architecture, workloads, networking, storage, troubleshooting)\n');
    expect(cli(['lab', 'new', 'Bad_Id'], undefined, root).stderr).toBe('cka-lab: lab new: "Bad_Id" is not DOMAIN/ID (ID: lowercase letters, digits and dashes)\n');
  }, 120_000);

  test('lab schema prints the JSON Schema served as /lab.schema.json', () => {
    const r = cli(['lab', 'schema']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ $id: '/lab.schema.json', required: ['title'] });
  });
});
