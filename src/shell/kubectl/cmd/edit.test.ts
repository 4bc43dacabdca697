// kubectl edit with an editor that really edits: the Terminal is given an openEditor that
// rewrites the temp file the way a learner would in the editor pane.

import { describe, expect, it } from 'vitest';
import { defaultWorld } from '../../../engine/bootstrap';
import type { World } from '../../../engine/world';
import { Terminal } from '../../terminal';

/** A terminal whose editor applies each function in turn to the file it is handed. */
function terminalWithEdits(world: World, edits: ((text: string) => string)[], seen: string[] = []): Terminal {
  return new Terminal({
    world,
    openEditor: async (hostName, path) => {
      const host = world.host(hostName);
      const text = host.fs.read(path);
      seen.push(text);
      const edit = edits.shift();
      if (edit) host.fs.write(path, edit(text));
    },
  });
}

async function setup(t: Terminal, world: World): Promise<void> {
  await t.run('kubectl create deploy web --image=nginx');
  await t.run('kubectl run solo --image=nginx');
  world.advance(10_000);
}

describe('kubectl edit', () => {
  it('writes the object under kubectl\'s header and applies a change', async () => {
    const world = defaultWorld();
    const seen: string[] = [];
    const t = terminalWithEdits(world, [(s) => s.replace('replicas: 1', 'replicas: 3')], seen);
    await setup(t, world);
    const r = await t.run('kubectl edit deploy web');
    expect(r).toMatchObject({ stdout: 'deployment.apps/web edited\n', stderr: '', exitCode: 0 });
    expect(seen[0]?.startsWith("# Please edit the object below. Lines beginning with a '#' will be ignored,\n# and an empty file will abort the edit. If an error occurs while saving this file will be\n# reopened with the relevant failures.\n#\napiVersion: apps/v1\nkind: Deployment\n")).toBe(true);
    expect((await t.run("kubectl get deploy web -o jsonpath='{.spec.replicas}'")).stdout).toBe('3');
    expect((await t.run('ls /tmp | grep -c kubectl-edit')).stdout.trim()).toBe('0');
  });

  it('reopens a file with a syntax error, with the error at the top', async () => {
    const world = defaultWorld();
    const seen: string[] = [];
    const t = terminalWithEdits(world, [(s) => s.replace('replicas: 1', 'replicas: 1\n  bad: : x: y\n\tz'), (s) => s], seen);
    await setup(t, world);
    const r = await t.run('kubectl edit deployment/web');
    expect(seen[1]).toMatch(/^# Please edit the object below\.[\s\S]*#\n# The edited file had a syntax error: [^\n]+\n#\napiVersion: apps\/v1\n/);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^A copy of your changes has been stored to "\/tmp\/kubectl-edit-\d+\.yaml"\nerror: Edit cancelled, no valid changes were saved\.\n$/);
  });

  it('refuses an immutable pod field, keeps a copy, and cancels', async () => {
    const world = defaultWorld();
    const seen: string[] = [];
    const t = terminalWithEdits(world, [(s) => s.replace('restartPolicy: Always', 'restartPolicy: Never')], seen);
    await setup(t, world);
    const r = await t.run('kubectl edit pod solo');
    const file = /stored to "(\/tmp\/kubectl-edit-\d+\.yaml)"/.exec(r.stderr)?.[1] ?? '';
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`error: pods "solo" is invalid\nA copy of your changes has been stored to "${file}"\nerror: Edit cancelled, no valid changes were saved.\n`);
    expect(r.exitCode).toBe(1);
    expect(seen[1]).toContain('#\n# pods "solo" was not valid:\n# * spec: Forbidden: pod updates may not change fields other than');
    const kept = await t.run(`grep restartPolicy ${file}`);
    expect(kept.stdout).toBe('  restartPolicy: Never\n');
    const replaced = await t.run(`kubectl replace --force -f ${file}`);
    expect(replaced.stdout).toBe('pod "solo" deleted from default namespace\npod/solo replaced\n');
  });

  it('saves nothing when the editor closes unchanged, or empty', async () => {
    const world = defaultWorld();
    const t = terminalWithEdits(world, [(s) => s, () => '# nothing\n']);
    await setup(t, world);
    expect(await t.run('kubectl edit deploy web')).toMatchObject({ stdout: '', stderr: 'Edit cancelled, no changes made.\n', exitCode: 0 });
    expect(await t.run('kubectl edit deploy web')).toMatchObject({ stdout: '', stderr: 'Edit cancelled, saved file was empty.\n', exitCode: 0 });
  });

  it('edits a pod image, which may change', async () => {
    const world = defaultWorld();
    const t = terminalWithEdits(world, [(s) => s.replace('- image: nginx\n', '- image: nginx:1.27.4\n')]);
    await setup(t, world);
    expect(await t.run('kubectl edit pod solo')).toMatchObject({ stdout: 'pod/solo edited\n', stderr: '', exitCode: 0 });
    expect((await t.run("kubectl get pod solo -o jsonpath='{.spec.containers[0].image}'")).stdout).toBe('nginx:1.27.4');
  });
});
