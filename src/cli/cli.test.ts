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
    expect(r.stdout).toMatch(/^Usage:\n  cka-lab run \[--lab ID\|PATH\] \[--step SECONDS\] SCRIPT\|-\n/);
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

  test('lab check proves the real labs', () => {
    const r = cli(['lab', 'check'], undefined, join(__dirname, '../..'));
    expect(r.stdout).toMatch(/^ok   pods-and-deployments +9 checks$/m);
    expect(r.stdout).not.toMatch(/^FAIL/m);
    expect(r.status).toBe(0);
  });

  test('lab check refuses a malformed lab with file:line: reason and a lab whose check passes too early', () => {
    const root = mkdtempSync(join(tmpdir(), 'cka-labs-'));
    mkdirSync(join(root, 'broken'));
    writeFileSync(join(root, 'broken', 'lab.yaml'), 'title: Broken\nsolution: "true"\ninstructions: x\nchecks:\n  - type: podRunning\n    title: x\n');
    mkdirSync(join(root, 'early'));
    writeFileSync(join(root, 'early', 'lab.yaml'), 'title: Early\nsolution: "true"\ninstructions: x\nchecks:\n  - type: exists\n    title: Node node01 exists\n    kind: Node\n    name: node01\n');
    const r = cli(['lab', 'check', '.'], undefined, root);
    expect(r.stdout).toBe(
      'FAIL broken: broken/lab.yaml:5: checks[0]: unknown check type "podRunning" (known: exists, field, podReady, fileContains)\n' +
        'FAIL early: check "Node node01 exists" passed before the solution (Node "node01" exists)\n',
    );
    expect(r.status).toBe(1);
  });
});
