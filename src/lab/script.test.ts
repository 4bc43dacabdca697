import { beforeEach, describe, expect, test } from 'vitest';
import { World } from '../engine/world';
import { Terminal } from '../shell/terminal';
import { runScript, splitStatements } from './script';

describe('splitStatements', () => {
  test('one entry per top-level statement; loops and functions stay whole', () => {
    expect(splitStatements('echo a; echo b\nfor i in 1 2; do\n  echo $i\ndone\nf() {\n  echo f\n}\n# note\nx=1 && echo $x || echo no &\n')).toEqual([
      'echo a',
      'echo b',
      'for i in 1 2; do\n  echo $i\ndone',
      'f() {\n  echo f\n}',
      'x=1 && echo $x || echo no &',
    ]);
  });

  test('a heredoc stays with its command, piped or redirected', () => {
    expect(splitStatements('cat <<EOF | kubectl apply -f -\napiVersion: v1\nkind: Pod\nEOF\necho done')).toEqual([
      'cat <<EOF | kubectl apply -f -\napiVersion: v1\nkind: Pod\nEOF',
      'echo done',
    ]);
    expect(splitStatements("cat > /root/p.yaml <<'END'\nkind: Pod\nEND\ncat /root/p.yaml\n")).toEqual(["cat > /root/p.yaml <<'END'\nkind: Pod\nEND", 'cat /root/p.yaml']);
    // The body belongs to the line, so statements sharing it run together.
    expect(splitStatements('cat <<A >f; echo same\nbody\nA\necho next')).toEqual(['cat <<A >f; echo same\nbody\nA', 'echo next']);
    expect(splitStatements('cat <<-E\n\tindented\n\tE\necho after')).toEqual(['cat <<-E\n\tindented\n\tE', 'echo after']);
  });

  test('a body line that looks like a command is not a statement', () => {
    expect(splitStatements('cat <<EOF\necho inside\nEOF\necho inside')).toEqual(['cat <<EOF\necho inside\nEOF', 'echo inside']);
  });
});

describe('runScript', () => {
  let world: World;
  let terminal: Terminal;
  beforeEach(() => {
    world = World.empty();
    world.addHost({ name: 'controlplane', ip: '192.168.1.2', units: {}, journal: {} }).fs.mkdirp('/root');
    world.host('controlplane').fs.mkdirp('/tmp');
    terminal = new Terminal({ world });
  });

  test('prints as it goes and ends with the last status', async () => {
    const seen: string[] = [];
    const res = await runScript(terminal, 'controlplane', 'echo one\necho two >&2\nfalse', { onOutput: (o, e) => seen.push(o + '|' + e) });
    expect(seen).toEqual(['one\n|', '|two\n', '|']);
    expect(res).toEqual({ stdout: 'one\n', stderr: 'two\n', exitCode: 1 });
  });

  test('exit 3 ends the script with status 3', async () => {
    const res = await runScript(terminal, 'controlplane', 'echo before\nexit 3\necho after\n');
    expect(res).toEqual({ stdout: 'before\n', stderr: '', exitCode: 3 });
  });

  test('an exit inside a compound statement ends the script too', async () => {
    const res = await runScript(terminal, 'controlplane', 'if true; then\n  exit 4\nfi\necho after');
    expect(res.exitCode).toBe(4);
    expect(res.stdout).toBe('');
  });

  test('$? and variables, functions and cwd carry across statements', async () => {
    const res = await runScript(terminal, 'controlplane', 'false; echo "rc=$?"\nX=5\ngreet() { echo "hi $1 $X"; }\ncd /tmp\ngreet you; pwd');
    expect(res.stdout).toBe('rc=1\nhi you 5\n/tmp\n');
    expect(res.exitCode).toBe(0);
  });

  test('a heredoc writes its whole body', async () => {
    const res = await runScript(terminal, 'controlplane', 'cat > /root/p.yaml <<EOF\nkind: Pod\nname: $HOME\nEOF\ncat /root/p.yaml');
    expect(res.stdout).toBe('kind: Pod\nname: /root\n');
  });

  test('the clock moves one step between statements, and sleep adds its own time', async () => {
    const t0 = world.clock.now;
    await runScript(terminal, 'controlplane', 'echo a; echo b\necho c\nsleep 20');
    expect(world.clock.now - t0).toBe(3000 + 20000);
    const t1 = world.clock.now;
    await runScript(terminal, 'controlplane', 'echo a\necho b', { stepMs: 5000 });
    expect(world.clock.now - t1).toBe(5000);
  });

  test('stopOnError stops at the first failing statement and names it', async () => {
    const res = await runScript(terminal, 'controlplane', 'echo one\ntrue | cat; false\necho never', { stopOnError: true });
    expect(res).toEqual({ stdout: 'one\n', stderr: '', exitCode: 1, failedStatement: 'false' });
    const plain = await runScript(terminal, 'controlplane', 'false\necho went-on');
    expect(plain).toEqual({ stdout: 'went-on\n', stderr: '', exitCode: 0 });
  });

  test('a bare ssh HOST runs what follows on HOST until exit, as when typed', async () => {
    world.addHost({ name: 'node01', ip: '192.168.1.3', units: {}, journal: {} }).fs.mkdirp('/root');
    const res = await runScript(terminal, 'controlplane', 'hostname\nssh node01\nhostname\necho hi > /root/f\nfalse\nexit\nhostname; echo "rc=$?"');
    expect(res).toEqual({ stdout: 'controlplane\nnode01\nlogout\nConnection to node01 closed.\ncontrolplane\nrc=0\n', stderr: '', exitCode: 0 });
    expect(world.host('node01').fs.read('/root/f')).toBe('hi\n');
    expect(world.host('controlplane').fs.exists('/root/f')).toBe(false);
    // The terminal itself stays where it was.
    expect(terminal.host).toBe('controlplane');
    const code = await runScript(terminal, 'controlplane', 'ssh node01\nexit 3\necho after');
    expect(code.exitCode).toBe(0);
    expect(code.stdout).toBe('logout\nConnection to node01 closed.\nafter\n');
  });

  test('a syntax error is reported like bash and nothing runs', async () => {
    const res = await runScript(terminal, 'controlplane', 'echo hi\nfor x in; do');
    expect(res.exitCode).toBe(2);
    expect(res.stdout).toBe('');
    expect(res.stderr).toMatch(/^bash: /);
  });
});
