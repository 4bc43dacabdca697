// Checks on hosts: files (exist, contain, parse as YAML) and `run:` — a command run as root in
// a fresh shell on the same world, the safe equivalent of a Killercoda verify.sh.

import { LineCounter, parse as parseYaml, parseAllDocuments, stringify } from 'yaml';
import type { World } from '../engine/world';
import { Terminal } from '../shell/terminal';
import type { Verdict } from './checks';
import { clusterOf, show } from './checks-util';
import type { FileContainsCheck, FileExistsCheck, FileParsesAsYamlCheck, RunCheck } from './types';

export function fileVerdict(check: FileContainsCheck | FileExistsCheck | FileParsesAsYamlCheck, world: World): Verdict {
  const hostName = check.host ?? clusterOf(world, undefined).state.controlPlane;
  const host = world.host(hostName);
  const content = host.fs.tryRead(check.path);
  if (content === undefined) {
    return { passed: false, reason: host.fs.isDir(check.path) ? `${check.path} on ${hostName} is a directory, not a file` : `${check.path} does not exist on ${hostName}` };
  }
  if (check.type === 'fileExists') return { passed: true, reason: `${check.path} exists on ${hostName}` };
  if (check.type === 'fileParsesAsYaml') return yamlVerdict(check, hostName, content);
  const passed = check.text !== undefined ? content.includes(check.text) : new RegExp(check.regex as string, 'm').test(content);
  const what = check.text !== undefined ? `"${check.text}"` : `a match for /${check.regex}/`;
  return { passed, reason: `${check.path} on ${hostName} ${passed ? 'contains' : 'does not contain'} ${what}` };
}

function yamlVerdict(check: FileParsesAsYamlCheck, hostName: string, content: string): Verdict {
  const where = `${check.path} on ${hostName}`;
  if (content.trim() === '') return { passed: false, reason: `${where} is empty` };
  const lines = new LineCounter();
  const docs = parseAllDocuments(content, { prettyErrors: false, lineCounter: lines });
  const list = Array.isArray(docs) ? docs : [docs];
  for (const d of list) {
    const err = d.errors[0];
    if (err) return { passed: false, reason: `${where} is not valid YAML (line ${lines.linePos(err.pos[0]).line}: ${err.message.split('\n')[0]})` };
  }
  if (check.kind === undefined) return { passed: true, reason: `${where} parses as YAML` };
  const kinds = list.map((d) => (d.toJS() as { kind?: unknown } | null)?.kind).filter((k) => k !== undefined);
  const passed = kinds.some((k) => String(k) === check.kind);
  return { passed, reason: passed ? `${where} is a ${check.kind} manifest` : `${where} has kind ${kinds.length ? kinds.map(show).join(', ') : '<none>'}, expected "${check.kind}"` };
}

export async function runVerdict(check: RunCheck, world: World): Promise<Verdict> {
  const host = check.host ?? clusterOf(world, undefined).state.controlPlane;
  let res: Awaited<ReturnType<Terminal['runOn']>>;
  if (check.as === undefined) {
    res = await new Terminal({ world, host }).runOn(host, check.command);
  } else {
    const asUser = kubeconfigAs(world, host, check.as);
    if ('passed' in asUser) return asUser;
    try {
      res = await new Terminal({ world, host }).runOn(host, `export KUBECONFIG=${asUser.path}\n${check.command}`);
    } finally {
      asUser.cleanup();
    }
  }
  const out = res.stdout;
  const cmd = `\`${check.command.trim().split('\n')[0]}\``;
  const stdoutChecked = check.stdout !== undefined || check.stdoutContains !== undefined || check.stdoutMatches !== undefined;
  const wantExit = check.exitCode ?? (stdoutChecked ? undefined : 0);
  if (wantExit !== undefined && res.exitCode !== wantExit) {
    const err = res.stderr.trim().split('\n').pop();
    return { passed: false, reason: `${cmd} exited with status ${res.exitCode}, expected ${wantExit}${err ? ` (${err})` : ''}` };
  }
  const got = show(out.replace(/\n$/, ''));
  if (check.stdout !== undefined && out.replace(/\n$/, '') !== check.stdout.replace(/\n$/, '')) {
    return { passed: false, reason: `${cmd} printed ${got}, expected ${show(check.stdout.replace(/\n$/, ''))}` };
  }
  if (check.stdoutContains !== undefined && !out.includes(check.stdoutContains)) {
    return { passed: false, reason: `${cmd} printed ${got}, expected it to contain ${show(check.stdoutContains)}` };
  }
  if (check.stdoutMatches !== undefined && !new RegExp(check.stdoutMatches, 'm').test(out)) {
    return { passed: false, reason: `${cmd} printed ${got}, expected a match for /${check.stdoutMatches}/` };
  }
  return { passed: true, reason: `${cmd} exited with status ${res.exitCode}${stdoutChecked ? ` and printed ${got}` : ''}` };
}

const KUBECONFIG = '/root/.kube/config';

/**
 * `as: USER`: a copy of the host's kubeconfig in which every context uses USER's credentials,
 * so kubectl authenticates as USER (what `kubectl --user USER` does) whichever `--context` the
 * command picks. It lives in /tmp only while the command runs.
 */
function kubeconfigAs(world: World, hostName: string, user: string): Verdict | { path: string; cleanup(): void } {
  const fs = world.host(hostName).fs;
  const text = fs.tryRead(KUBECONFIG);
  if (text === undefined) return { passed: false, reason: `no kubeconfig at ${KUBECONFIG} on ${hostName} to run as user "${user}"` };
  let cfg: { users?: { name?: unknown }[]; contexts?: { context?: Record<string, unknown> }[] } | null;
  try {
    cfg = parseYaml(text) as typeof cfg;
  } catch (e) {
    return { passed: false, reason: `${KUBECONFIG} on ${hostName} is not valid YAML: ${(e as Error).message.split('\n')[0]}` };
  }
  const users = Array.isArray(cfg?.users) ? cfg.users.map((u) => String(u?.name)) : [];
  if (!users.includes(user)) {
    return { passed: false, reason: `${KUBECONFIG} on ${hostName} has no user "${user}" (users: ${users.join(', ') || '<none>'})` };
  }
  for (const c of Array.isArray(cfg?.contexts) ? cfg.contexts : []) if (c?.context && typeof c.context === 'object') c.context.user = user;
  const path = `/tmp/.cka-lab-check-as-${user.replace(/[^\w.-]/g, '_')}.kubeconfig`;
  const madeTmp = !fs.isDir('/tmp');
  if (madeTmp) fs.mkdirp('/tmp');
  fs.writeFile(path, stringify(cfg), 0o600);
  return {
    path,
    cleanup: () => fs.rm(madeTmp ? '/tmp' : path, { recursive: true, force: true }),
  };
}
