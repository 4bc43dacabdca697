// Checks on hosts: files (exist, contain, parse as YAML) and `run:` — a command run as root in
// a fresh shell on the same world, the safe equivalent of a Killercoda verify.sh.

import { LineCounter, parseAllDocuments } from 'yaml';
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
  const res = await new Terminal({ world, host }).runOn(host, check.command);
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
