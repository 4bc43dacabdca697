// kubectl debug typed at the prompt: a node debugging pod with the node's root at /host, an
// ephemeral container added to a running pod, a copy of a pod with a debug container.

import { describe, expect, it } from 'vitest';
import { defaultWorld } from '../../../engine/bootstrap';
import { Terminal } from '../../terminal';

const NOTICE = "All commands and output from this session will be recorded in container logs, including credentials and sensitive information passed through the command prompt.\nIf you don't see a command prompt, try pressing enter.\n";
const LEGACY = '--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".\n';

async function type(t: Terminal, line: string): Promise<string> {
  const r = await t.run(line);
  return r.stdout + r.stderr + t.prompt();
}

async function out(t: Terminal, line: string): Promise<string> {
  return (await t.runOn('controlplane', line)).stdout;
}

describe('kubectl debug', () => {
  it('node/NAME: a pod in the host namespaces, the node at /host, chroot into it', async () => {
    const t = new Terminal({ world: defaultWorld() });
    const r = await t.run('kubectl debug node/node01 -it --image=busybox');
    expect(r.stdout).toMatch(/^Creating debugging pod node-debugger-node01-[bcdfghjklmnpqrstvwxz2456789]{5} with container debugger on node node01\.\n$/);
    expect(r.stderr).toBe(LEGACY + NOTICE);
    const name = /pod (\S+)/.exec(r.stdout)?.[1] as string;
    expect(t.prompt()).toBe('/ # ');
    expect(await type(t, 'hostname')).toBe('node01\n/ # ');
    expect(await type(t, 'cat /host/etc/hostname')).toBe('node01\n/ # ');
    expect(await type(t, 'chroot /host')).toBe('# ');
    expect(await type(t, 'systemctl is-active kubelet')).toBe('active\n# ');
    expect(await type(t, 'exit')).toBe('/ # ');
    expect(await type(t, 'exit')).toBe('controlplane:~$ ');
    expect(await out(t, `kubectl get pod ${name} -o jsonpath='{.spec.hostNetwork} {.spec.hostPID} {.spec.nodeName} {.spec.volumes[0].hostPath.path} {.spec.containers[0].volumeMounts[0].mountPath} {.status.phase}'`)).toBe('true true node01 / /host Succeeded');
  });

  it('POD --target: an ephemeral container in the pod spec and status', async () => {
    const t = new Terminal({ world: defaultWorld() });
    await t.run('kubectl run web --image=nginx');
    await t.run('kubectl wait --for=condition=Ready pod/web --timeout=60s');
    const r = await t.run('kubectl debug web -it --image=busybox --target=web --profile=general');
    expect(r.stdout).toMatch(/^Targeting container "web"\. If you don't see processes from this container it may be because the container runtime doesn't support this feature\.\nDefaulting debug container name to debugger-[a-z0-9]{5}\.\n$/);
    expect(r.stderr).toBe(NOTICE);
    const dc = /name to (\S+)\./.exec(r.stdout)?.[1] as string;
    expect(await type(t, 'hostname')).toBe('web\n/ # ');
    expect(await type(t, 'exit')).toBe("Session ended, the ephemeral container will not be restarted but may be reattached using 'kubectl attach web -c " + dc + " -i -t' if it is still running\ncontrolplane:~$ ");
    expect(await out(t, "kubectl get pod web -o jsonpath='{.spec.ephemeralContainers[0].name} {.spec.ephemeralContainers[0].targetContainerName} {.status.ephemeralContainerStatuses[0].state.terminated.reason} {.status.phase}'")).toBe(`${dc} web Completed Running`);
  });

  it('--copy-to with --set-image and with a new debug container', async () => {
    const t = new Terminal({ world: defaultWorld() });
    await t.run('kubectl run app --image=nginx --labels=app=web');
    const r = await t.run('kubectl debug app --copy-to=app-copy --set-image=*=busybox');
    expect([r.stdout, r.stderr, r.exitCode]).toEqual(['', LEGACY, 0]);
    expect(await out(t, "kubectl get pod app-copy -o jsonpath='{.spec.containers[0].image} {.metadata.labels}'")).toBe('busybox ');
    const d = await t.run('kubectl debug app -it --copy-to=app-debug --container=shell --image=busybox -- sh');
    expect(d.stdout).toBe('');
    expect(t.prompt()).toBe('/ # ');
    // The copy keeps the pod's restartPolicy (Always): its shell restarts, and kubectl says so.
    expect(await type(t, 'exit')).toBe("Session ended, resume using 'kubectl attach app-debug -c shell -i -t' command when the pod is running\ncontrolplane:~$ ");
    expect(await out(t, "kubectl get pod app-debug -o jsonpath='{.spec.containers[*].name}'")).toBe('app shell');
  });

  it('refuses what kubectl refuses', async () => {
    const t = new Terminal({ world: defaultWorld() });
    const cases: [string, string][] = [
      ['kubectl debug node/node01', 'error: you must specify --image when not using --copy-to.\n'],
      ['kubectl debug --image=busybox', 'error: NAME or filename is required for debug\n'],
      ['kubectl debug x --image=busybox --set-image=*=nginx', 'error: --set-image may only be used with --copy-to.\n'],
      ['kubectl debug x -t --image=busybox', 'error: -i/--stdin is required for containers with -t/--tty=true\n'],
      ['kubectl debug x --copy-to=y --target=a --image=busybox', 'error: --target is incompatible with --copy-to. Use --share-processes instead.\n'],
      ['kubectl debug ghost --image=busybox --profile=general', 'Error from server (NotFound): pods "ghost" not found\n'],
    ];
    for (const [line, err] of cases) {
      const r = await t.run(line);
      expect([r.stderr, r.exitCode], line).toEqual([err, 1]);
    }
  });
});
