// Running a bash script the way a person at the prompt would: one top-level statement at a
// time, with time passing between them. The CLI (`cka-lab run`), lab setup and reference
// solutions all go through here, so "1 s between commands" means the same everywhere.

import { parse, serialize, type ScriptNode, type StatementNode } from 'just-bash';
import type { Terminal } from '../shell/terminal';

export interface ScriptOptions {
  /** Virtual milliseconds between top-level statements. Default 1000. */
  stepMs?: number;
  /** Called after each statement with what it printed (the CLI streams this). */
  onOutput?(stdout: string, stderr: string): void;
  /** Stop at the first top-level statement that fails, like `set -e` (lab setup, proofs). */
  stopOnError?: boolean;
}

export interface ScriptResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** With stopOnError: the statement that failed. */
  failedStatement?: string;
}

/**
 * Splits a script into its top-level statements, as source text. Heredoc bodies stay with
 * their command (the bash parser's own serializer puts them in the wrong place for
 * `cat <<EOF | kubectl apply -f -`, so text is cut from the source instead), and statements
 * that share a line with a heredoc stay together, since the body belongs to that line.
 * Throws the parser's message on a syntax error.
 */
export function splitStatements(script: string): string[] {
  const ast = parse(script);
  const out: string[] = [];
  let pos = 0;
  let i = 0;
  const statements = ast.statements;
  while (i < statements.length) {
    const first = statements[i] as StatementNode;
    const start = locate(script, first, pos);
    if (start < 0) {
      // No source text to cut (should not happen): fall back to the parser's serializer.
      for (const st of statements.slice(i)) out.push(serializeOne(ast, st));
      return out;
    }
    const lineEnd = endOfLine(script, start + (first.sourceText as string).length);
    // Every statement that starts before this line ends shares the line.
    const group: { st: StatementNode; start: number }[] = [{ st: first, start }];
    let end = start + (first.sourceText as string).length;
    let j = i + 1;
    let groupLineEnd = lineEnd;
    while (j < statements.length) {
      const st = statements[j] as StatementNode;
      const s = locate(script, st, end);
      if (s < 0 || s >= groupLineEnd) break;
      group.push({ st, start: s });
      end = s + (st.sourceText as string).length;
      groupLineEnd = endOfLine(script, end);
      j++;
    }
    const pending = group.flatMap(({ st }) => heredocsAfter(st));
    if (pending.length === 0) {
      for (const { st } of group) out.push(st.sourceText as string);
      pos = end;
    } else {
      const bodyEnd = skipHeredocBodies(script, groupLineEnd, pending);
      out.push(script.slice(start, bodyEnd).replace(/\n$/, ''));
      pos = bodyEnd;
    }
    i = j;
  }
  return out;
}

function locate(script: string, st: StatementNode, from: number): number {
  return st.sourceText ? script.indexOf(st.sourceText, from) : -1;
}

function endOfLine(script: string, from: number): number {
  const nl = script.indexOf('\n', from);
  return nl < 0 ? script.length : nl;
}

function serializeOne(ast: ScriptNode, st: StatementNode): string {
  return serialize({ ...ast, statements: [st] });
}

interface HereDoc {
  delimiter: string;
  stripTabs: boolean;
}

/** The statement's heredocs whose bodies come after its text (those inside it are already in it). */
function heredocsAfter(st: StatementNode): HereDoc[] {
  const all: HereDoc[] = [];
  collectHeredocs(st, all);
  const lines = (st.sourceText as string).split('\n').slice(1);
  let k = 0;
  for (const doc of all) {
    const at = lines.findIndex((l, idx) => idx >= k && (doc.stripTabs ? l.replace(/^\t+/, '') : l) === doc.delimiter);
    if (at < 0) return all.slice(all.indexOf(doc));
    k = at + 1;
  }
  return [];
}

function collectHeredocs(node: unknown, out: HereDoc[]): void {
  if (Array.isArray(node)) {
    for (const n of node) collectHeredocs(n, out);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const n = node as Record<string, unknown>;
  if (n.type === 'Redirection' && (n.operator === '<<' || n.operator === '<<-')) {
    const target = n.target as { type?: string; delimiter?: string } | undefined;
    if (target?.type === 'HereDoc' && typeof target.delimiter === 'string') {
      out.push({ delimiter: target.delimiter, stripTabs: n.operator === '<<-' });
    }
  }
  for (const v of Object.values(n)) if (v && typeof v === 'object') collectHeredocs(v, out);
}

/** From the newline ending the heredoc line, past each body's delimiter line in turn. */
function skipHeredocBodies(script: string, from: number, docs: HereDoc[]): number {
  let p = from + 1;
  for (const doc of docs) {
    while (p <= script.length) {
      const e = endOfLine(script, p);
      const line = script.slice(p, e);
      p = e + 1;
      if ((doc.stripTabs ? line.replace(/^\t+/, '') : line) === doc.delimiter) break;
    }
  }
  return Math.min(p, script.length);
}

// The marker that tells a statement which finished from one that ran `exit` (or tripped
// `set -e`): only a statement that finishes reaches the line that prints it.
const MARK = '__cka_lab_status__:';
const MARK_RE = new RegExp(`${MARK}(\\d+)\\n?$`);
const EXIT_RE = /^\s*(exit|logout)(?:\s+(\d+))?\s*$/;

/**
 * Runs a script on `host` through the terminal, statement by statement, advancing the world's
 * clock by `stepMs` between statements. `$?` carries over between statements as it would in
 * one bash process; an `exit N` ends the script with N.
 */
export async function runScript(terminal: Terminal, host: string, script: string, opts: ScriptOptions = {}): Promise<ScriptResult> {
  const step = opts.stepMs ?? 1000;
  let statements: string[];
  try {
    statements = splitStatements(script);
  } catch (e) {
    const stderr = `bash: ${(e as Error).message}\n`;
    opts.onOutput?.('', stderr);
    return { stdout: '', stderr, exitCode: 2 };
  }
  let stdout = '';
  let stderr = '';
  let status = 0;
  // A bare `ssh HOST` logs in there: what follows runs on HOST until `exit`, as when typed.
  const hosts = [host];
  for (let k = 0; k < statements.length; k++) {
    if (k > 0 && step > 0) terminal.world.advance(step);
    const leave = hosts.length > 1 ? EXIT_RE.exec(statements[k] as string) : null;
    if (leave) {
      const left = hosts.pop() as string;
      const out = `logout\nConnection to ${left} closed.\n`;
      stdout += out;
      opts.onOutput?.(out, '');
      status = leave[2] ? Number(leave[2]) : status;
      continue;
    }
    const carry = status !== 0 ? `(exit ${status})\n` : '';
    const res = await terminal.runOn(hosts[hosts.length - 1] as string, `${carry}${statements[k]}\nprintf '${MARK}%d\\n' "$?" >&2`);
    const entered = terminal.takePendingEnter();
    if (entered) hosts.push(entered);
    const m = MARK_RE.exec(res.stderr);
    const err = m ? res.stderr.slice(0, m.index) : res.stderr;
    stdout += res.stdout;
    stderr += err;
    opts.onOutput?.(res.stdout, err);
    status = m ? Number(m[1]) : res.exitCode;
    const failed = status !== 0 && opts.stopOnError;
    if (!m || failed) return failed ? { stdout, stderr, exitCode: status, failedStatement: statements[k] as string } : { stdout, stderr, exitCode: status };
  }
  return { stdout, stderr, exitCode: status };
}
