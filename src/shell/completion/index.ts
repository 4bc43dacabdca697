// Tab completion for the terminal, as bash with bash-completion and kubectl's completion script
// sourced gives it: command names in command position, `$VARIABLES`, file names (directories
// for cd), host names for ssh, and kubectl's own completion for `kubectl` and its aliases (`k`).
// Pure: a line and a cursor in, the span to replace and the candidates out.

import type { ToolContext } from '../tool';
import { completeKubectl } from './kubectl';
import { completePath } from './paths';
import { commandWords, escapeForShell, type Word } from './words';

export interface Completion {
  /** Where the text the candidates replace starts; it ends at the cursor. */
  replacementStart: number;
  /** Sorted, without duplicates. Directories end in `/` (a unique one gets no space after it). */
  candidates: string[];
}

export interface CompletionContext {
  /** The session's view: host, cwd, variables (aliases are BASH_ALIAS_* variables). */
  ctx: ToolContext;
  /** Every command name bash would find: builtins, our tools, functions. */
  commands: string[];
  /** Host names ssh can reach. */
  hosts: string[];
}

/** Bash's own builtins and keywords, which `compgen -c` lists along with commands. */
const BASH_BUILTINS = [
  'alias', 'bg', 'bind', 'break', 'builtin', 'caller', 'case', 'cd', 'command', 'compgen', 'complete', 'compopt', 'continue',
  'declare', 'dirs', 'disown', 'do', 'done', 'echo', 'elif', 'else', 'enable', 'esac', 'eval', 'exec', 'exit', 'export',
  'false', 'fc', 'fg', 'fi', 'for', 'function', 'getopts', 'hash', 'help', 'if', 'in', 'jobs', 'kill', 'let', 'local',
  'logout', 'mapfile', 'popd', 'printf', 'pushd', 'pwd', 'read', 'readarray', 'readonly', 'return', 'select', 'set',
  'shift', 'shopt', 'source', 'suspend', 'test', 'then', 'time', 'times', 'trap', 'true', 'type', 'typeset', 'ulimit',
  'umask', 'unalias', 'unset', 'until', 'wait', 'while',
];

/** Commands that run the rest of their line as a command (bash-completion's _command). */
const WRAPPERS: Record<string, number> = { sudo: 0, time: 0, nohup: 0, xargs: 0, exec: 0, command: 0, env: 0, nice: 0, watch: 0, timeout: 1 };

export function complete(cc: CompletionContext, line: string, cursor: number): Completion {
  const { words, current, afterRedirect } = commandWords(line, cursor);
  const raw = line.slice(current.start, cursor);
  const env = cc.ctx.env;
  const home = env.get('HOME') ?? '/root';

  // $VARIABLE anywhere in a word.
  const dollar = /\$\{?([A-Za-z_][A-Za-z0-9_]*)?$/.exec(raw);
  if (dollar && !raw.startsWith("'")) {
    const brace = dollar[0].startsWith('${');
    const typed = dollar[1] ?? '';
    const start = current.start + raw.length - typed.length;
    const vars = [...env.keys()].filter((k) => !k.startsWith('BASH_ALIAS_') && /^[A-Za-z_]/.test(k) && k.startsWith(typed));
    return { replacementStart: start, candidates: uniqueSorted(vars.map((v) => (brace ? `${v}}` : v))) };
  }

  if (afterRedirect) return files(cc, current, raw, home);
  const argv = expandCommand(cc, words);
  if (argv.length === 0) return commandNames(cc, current, raw, home);
  return argumentsOf(cc, argv, current, raw, home);
}

function argumentsOf(cc: CompletionContext, argv: string[], current: Word, raw: string, home: string): Completion {
  const cmd = argv[0] as string;
  const wrapped = WRAPPERS[cmd];
  if (wrapped !== undefined) {
    // Skip the wrapper's own options (`watch -n 2`, `timeout 10s`) to find the command it runs.
    let i = 1;
    while (i < argv.length && (argv[i] as string).startsWith('-')) {
      if (/^-[nd]$|^--interval$/.test(argv[i] as string) && cmd === 'watch') i++;
      i++;
    }
    i += wrapped;
    if (cmd === 'env') while (i < argv.length && (argv[i] as string).includes('=')) i++;
    if (i >= argv.length) return commandNames(cc, current, raw, home);
    return argumentsOf(cc, expandCommand(cc, argv.slice(i).map((text) => ({ text, start: 0 }))), current, raw, home);
  }
  if (cmd === 'kubectl') {
    const r = completeKubectl(cc.ctx, argv.slice(1), current.text);
    if (r.files) return files(cc, { text: current.text.slice(r.keep), start: current.start + r.keep }, raw.slice(r.keep), home);
    return { replacementStart: current.start + r.keep, candidates: uniqueSorted(r.candidates.map(escapeForShell)) };
  }
  if (cmd === 'ssh' || cmd === 'scp') {
    if (!current.text.startsWith('-') && !current.text.includes('/')) {
      const at = current.text.lastIndexOf('@');
      const typed = current.text.slice(at + 1);
      const hosts = cc.hosts.filter((h) => h.startsWith(typed));
      if (cmd === 'ssh' || hosts.length) return { replacementStart: current.start + at + 1, candidates: uniqueSorted(hosts.map((h) => (cmd === 'scp' ? `${h}:` : h))) };
    }
  }
  if (cmd === 'cd' || cmd === 'pushd' || cmd === 'rmdir') return files(cc, current, raw, home, true);
  return files(cc, current, raw, home);
}

/** Aliases expand in command position, as bash expands them before completing. */
function expandCommand(cc: CompletionContext, words: Word[]): string[] {
  const argv = words.map((w) => w.text);
  const seen = new Set<string>();
  while (argv.length) {
    const name = argv[0] as string;
    const alias = cc.ctx.env.get(`BASH_ALIAS_${name}`);
    if (alias === undefined || seen.has(name)) break;
    seen.add(name);
    const expanded = alias.trim().split(/\s+/).filter(Boolean);
    argv.splice(0, 1, ...expanded);
  }
  return argv;
}

function commandNames(cc: CompletionContext, current: Word, raw: string, home: string): Completion {
  if (current.text.includes('/')) return files(cc, current, raw, home, false, true);
  const aliases = [...cc.ctx.env.keys()].filter((k) => k.startsWith('BASH_ALIAS_')).map((k) => k.slice('BASH_ALIAS_'.length));
  const all = [...BASH_BUILTINS, ...cc.commands, ...aliases].filter((c) => c.startsWith(current.text));
  return { replacementStart: current.start, candidates: uniqueSorted(all) };
}

function files(cc: CompletionContext, current: Word, raw: string, home: string, dirsOnly = false, executables = false): Completion {
  const slash = raw.lastIndexOf('/');
  const candidates = completePath(cc.ctx.host.fs, cc.ctx.cwd, home, current.text, { dirsOnly, executables });
  return { replacementStart: current.start + slash + 1, candidates };
}

function uniqueSorted(list: string[]): string[] {
  return [...new Set(list)].sort();
}

/** The longest prefix all candidates share (what the first Tab inserts). */
export function commonPrefix(candidates: string[]): string {
  if (candidates.length === 0) return '';
  let p = candidates[0] as string;
  for (const c of candidates) {
    let i = 0;
    while (i < p.length && i < c.length && p[i] === c[i]) i++;
    p = p.slice(0, i);
  }
  return p;
}
