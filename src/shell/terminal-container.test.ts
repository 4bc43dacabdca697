// A shell inside a container, typed into line by line as the learner does: the prompt becomes
// the image's, lines run in the container, `exit` returns to the node with kubectl's messages.

import { describe, expect, it } from 'vitest';
import { defaultWorld } from '../engine/bootstrap';
import { Terminal } from './terminal';

/** Types a line and returns what the terminal shows: output, then the next prompt. */
async function type(t: Terminal, line: string): Promise<string> {
  const r = await t.run(line);
  return r.stdout + r.stderr + t.prompt();
}

async function terminalWith(...setup: string[]): Promise<Terminal> {
  const t = new Terminal({ world: defaultWorld() });
  for (const line of setup) {
    const r = await t.run(line);
    expect(r.exitCode, `${line}: ${r.stderr}`).toBe(0);
  }
  return t;
}

describe('kubectl exec -it into a shell', () => {
  it('moves the terminal into a busybox shell and back', async () => {
    const t = await terminalWith('kubectl run box --image=busybox -- sleep 3600', 'kubectl wait --for=condition=Ready pod/box --timeout=60s');
    expect(await type(t, 'kubectl exec -it box -- sh')).toBe('/ # ');
    expect(t.nested()).toBe(true);
    expect(await type(t, 'hostname')).toBe('box\n/ # ');
    expect(await type(t, 'cd /etc')).toBe('/etc # ');
    expect(await type(t, 'pwd')).toBe('/etc\n/etc # ');
    expect(await type(t, 'cat resolv.conf | grep ^search')).toBe('search default.svc.cluster.local svc.cluster.local cluster.local\n/etc # ');
    expect(await type(t, 'cd /nope')).toBe("sh: cd: can't cd to /nope: No such file or directory\n/etc # ");
    expect(await type(t, 'bash')).toBe('sh: bash: not found\n/etc # ');
    expect(await type(t, 'echo $?')).toBe('127\n/etc # ');
    expect(await type(t, 'export GREETING=hi; echo "$GREETING there" > /tmp/g; cat /tmp/g')).toBe('hi there\n/etc # ');
    expect(await type(t, 'cd')).toBe('~ # ');
    expect(await type(t, 'whoami')).toBe('root\n~ # ');
    expect(await type(t, 'ps')).toBe('PID   USER     TIME  COMMAND\n    1 root      0:00 sleep 3600\n    7 root      0:00 sh\n   13 root      0:00 ps\n~ # ');
    const r = await t.run('exit 3');
    expect([r.stdout, r.stderr, r.exitCode]).toEqual(['', 'command terminated with exit code 3\n', 3]);
    expect(t.prompt()).toBe('controlplane:~$ ');
    expect(t.nested()).toBe(false);
    // The file written inside stays in the container.
    expect((await t.run('kubectl exec box -- cat /tmp/g')).stdout).toBe('hi there\n');
  });

  it('gives nginx (Debian) its bash prompt, its error words, and `exit` echoed', async () => {
    const t = await terminalWith('kubectl create deployment web --image=nginx', 'kubectl rollout status deployment web --timeout=60s');
    const pod = (await t.run("kubectl get pod -l app=web -o jsonpath='{.items[0].metadata.name}'")).stdout;
    expect(await type(t, 'k exec -it deploy/web -- bash')).toBe(`root@${pod}:/# `);
    expect(await type(t, 'cd /usr/share/nginx/html')).toBe(`root@${pod}:/usr/share/nginx/html# `);
    expect(await type(t, 'ls')).toBe(`50x.html\nindex.html\nroot@${pod}:/usr/share/nginx/html# `);
    expect(await type(t, 'ps')).toBe(`bash: ps: command not found\nroot@${pod}:/usr/share/nginx/html# `);
    // `exit` alone exits with the last command's status, which kubectl relays.
    expect(await type(t, 'exit')).toBe('exit\ncommand terminated with exit code 127\ncontrolplane:~$ ');
    expect(await type(t, 'k exec -it deploy/web -- sh')).toBe('# ');
    expect(await type(t, 'nope')).toBe('sh: 1: nope: not found\n# ');
    expect(await type(t, 'true')).toBe('# ');
    expect(await type(t, 'exit')).toBe('controlplane:~$ ');
  });

  it('fails as runc does for a shell the image lacks', async () => {
    const t = await terminalWith('kubectl run box --image=busybox -- sleep 3600', 'kubectl wait --for=condition=Ready pod/box --timeout=60s');
    const r = await t.run('kubectl exec -it box -- bash');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "bash": executable file not found in \$PATH: unknown\n$/);
    expect(t.prompt()).toBe('controlplane:~$ ');
  });

  it('runs as the securityContext user: a $ prompt and no name for the uid', async () => {
    const t = await terminalWith(
      `kubectl run app --image=busybox --overrides='{"spec":{"securityContext":{"runAsUser":1000,"runAsGroup":3000,"fsGroup":2000}}}' -- sleep 3600`,
      'kubectl wait --for=condition=Ready pod/app --timeout=60s',
    );
    expect(await type(t, 'kubectl exec -it app -- sh')).toBe('~ $ ');
    expect(await type(t, 'id')).toBe('uid=1000 gid=3000 groups=2000,3000\n~ $ ');
    expect(await type(t, 'whoami')).toBe('whoami: unknown uid 1000\n~ $ ');
    expect(await type(t, 'exit 0')).toBe('controlplane:~$ ');
  });

  it('lives through a deleted pod\'s grace period, then ends with exit code 137 at once', async () => {
    const world = defaultWorld();
    const t = new Terminal({ world });
    for (const line of ['kubectl run box --image=busybox -- sleep 3600', 'kubectl wait --for=condition=Ready pod/box --timeout=60s', 'kubectl run box2 --image=busybox -- sleep 3600', 'kubectl wait --for=condition=Ready pod/box2 --timeout=60s']) await t.run(line);
    await t.run('kubectl exec -it box -- sh');
    await t.runOn('controlplane', 'kubectl delete pod box --wait=false');
    // sleep as PID 1 ignores SIGTERM: the container (and the shell in it) runs 30s more.
    expect(await type(t, 'hostname')).toBe('box\n/ # ');
    expect(t.endLostContainer()).toBeUndefined();
    world.advance(31_000);
    // The page asks as time passes: the session ends without waiting for Enter.
    expect(t.endLostContainer()).toEqual({ stdout: '', stderr: 'command terminated with exit code 137\n', exitCode: 137 });
    expect(t.prompt()).toBe('controlplane:~$ ');
    expect(t.nested()).toBe(false);
    // Not asked in time, the next line finds it gone.
    await t.run('kubectl exec -it box2 -- sh');
    await t.runOn('controlplane', 'kubectl delete pod box2 --wait=false');
    world.advance(31_000);
    const r = await t.run('hostname');
    expect([r.stdout, r.stderr, r.exitCode]).toEqual(['', 'command terminated with exit code 137\n', 137]);
    expect(t.prompt()).toBe('controlplane:~$ ');
  });

  it('without -t reads lines with no prompt; piped input is not a terminal', async () => {
    const t = await terminalWith('kubectl run box --image=busybox -- sleep 3600', 'kubectl wait --for=condition=Ready pod/box --timeout=60s');
    expect(await type(t, 'kubectl exec -i box -- sh')).toBe('');
    expect(await type(t, 'hostname')).toBe('box\n');
    expect(await type(t, 'exit')).toBe('controlplane:~$ ');
    const r = await t.run('echo hostname | kubectl exec -it box -- sh');
    expect(r.stdout + r.stderr).toBe('box\nUnable to use a TTY - input is not a terminal or the right kind of file\n');
    expect(t.prompt()).toBe('controlplane:~$ ');
  });

  it('completes file names of the container, not kubectl words', async () => {
    const t = await terminalWith('kubectl run box --image=busybox -- sleep 3600', 'kubectl wait --for=condition=Ready pod/box --timeout=60s');
    await t.run('kubectl exec -it box -- sh');
    expect(t.complete('cat /etc/res', 12)).toEqual({ replacementStart: 4, candidates: ['/etc/resolv.conf'] });
    expect(t.complete('kubectl g', 9).candidates).toEqual([]);
  });
});

describe('kubectl run -it with a shell', () => {
  it('attaches, and with --rm deletes the pod on exit', async () => {
    const t = new Terminal({ world: defaultWorld() });
    const start = await t.run('kubectl run t --image=busybox -it --rm --restart=Never -- sh');
    expect(start.stderr).toBe("All commands and output from this session will be recorded in container logs, including credentials and sensitive information passed through the command prompt.\nIf you don't see a command prompt, try pressing enter.\n");
    expect(t.prompt()).toBe('/ # ');
    expect(await type(t, 'hostname')).toBe('t\n/ # ');
    expect((await t.runOn('controlplane', 'kubectl get pod t --no-headers -o custom-columns=S:.status.phase')).stdout).toBe('Running\n');
    expect(await type(t, 'exit')).toBe('pod "t" deleted from default namespace\ncontrolplane:~$ ');
    expect((await t.run('kubectl get pods')).stderr).toBe('No resources found in default namespace.\n');
  });

  it('under restartPolicy Always says how to reattach, and the container restarts', async () => {
    const t = new Terminal({ world: defaultWorld() });
    await t.run('kubectl run s --image=busybox -it -- sh');
    expect(t.prompt()).toBe('/ # ');
    expect(await type(t, 'exit')).toBe("Session ended, resume using 'kubectl attach s -c s -i -t' command when the pod is running\ncontrolplane:~$ ");
    expect((await t.run('kubectl get pod s --no-headers -o custom-columns=R:.status.containerStatuses[0].restartCount')).stdout).toBe('1\n');
    // kubectl attach takes the restarted shell over again, once it runs.
    expect((await t.run('kubectl attach s -c s -i -t')).stderr).toMatch(/\nerror: unable to upgrade connection: container not found \("s"\)\n$/);
    await t.run('sleep 2');
    const a = await t.run('kubectl attach s -c s -i -t');
    expect([a.stdout, a.stderr]).toEqual(['', "All commands and output from this session will be recorded in container logs, including credentials and sensitive information passed through the command prompt.\nIf you don't see a command prompt, try pressing enter.\n"]);
    expect(await type(t, 'hostname')).toBe('s\n/ # ');
    expect(await type(t, 'exit')).toBe("Session ended, resume using 'kubectl attach s -c s -i -t' command when the pod is running\ncontrolplane:~$ ");
    expect((await t.run('kubectl attach s -c nope')).stderr).toBe('error: cannot attach to the container: container nope not found in pod s\n');
  });

  it('a non-zero exit of a run-once pod is reported as kubectl does', async () => {
    const t = new Terminal({ world: defaultWorld() });
    await t.run('kubectl run f --image=busybox -it --restart=Never -- sh');
    const r = await t.run('exit 2');
    expect([r.stdout, r.stderr, r.exitCode]).toEqual(['', 'pod default/f terminated (Error)\n', 2]);
    expect((await t.run('kubectl get pod f --no-headers -o custom-columns=S:.status.phase')).stdout).toBe('Failed\n');
  });
});
