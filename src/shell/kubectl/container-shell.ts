// The shell inside a container, one typed line at a time: busybox ash, Debian's dash (`sh`) or
// bash. It splits the line into statements (; && ||) and pipelines, expands variables, runs
// its builtins (cd, export, assignments, exit) and hands every program to the image's tools
// (container-exec.ts). A program the image lacks fails in the shell's own words.

export type ShellFlavor = 'ash' | 'dash' | 'bash';

export interface ShellWord { text: string; quoted: boolean }

/**
 * One redirection, applied left to right: `N>f`, `N>>f`, `N>&M` (dup), `<f`, and a heredoc
 * (`<<EOF`, whose body is `target`, already expanded unless the delimiter was quoted).
 */
export interface Redirection { fd: number; op: '>' | '>>' | '>&' | '<' | '<<'; target: string }

/** One simple command: its words and its redirections. */
export interface SimpleCommand { words: string[]; redirections: Redirection[] }

export interface Statement { pipeline: SimpleCommand[]; op: ';' | '&&' | '||' }

/** A statement's text, unexpanded, with the bodies of its heredocs (in the order of their `<<`). */
export interface RawStatement { text: string; op: Statement['op']; heredocs: string[] }

/**
 * Splits a line (several, with a heredoc) into its statements (; && || newline) unexpanded: each
 * is expanded when it runs, after the ones before it. Heredoc bodies are taken out of the text.
 */
export function splitStatements(line: string): RawStatement[] | { error: string } {
  const out: RawStatement[] = [];
  let buf = '';
  let op: Statement['op'] = ';';
  let heredocs: string[] = [];
  let pending: { delim: string; strip: boolean }[] = [];
  const push = (next: Statement['op']) => {
    if (buf.trim() !== '') out.push({ text: buf, op, heredocs });
    buf = '';
    heredocs = [];
    op = next;
  };
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (ch === "'" || ch === '"') {
      const end = line.indexOf(ch, i + 1);
      if (end < 0) return { error: 'unterminated quoted string' };
      buf += line.slice(i, end + 1);
      i = end;
    } else if (ch === '\\') {
      buf += line.slice(i, i + 2);
      i++;
    } else if (ch === '#' && (i === 0 || /\s/.test(line[i - 1] as string))) {
      while (i + 1 < line.length && line[i + 1] !== '\n') i++;
    } else if (ch === '<' && line[i + 1] === '<') {
      const m = /^<<(-?)[ \t]*('[^']*'|"[^"]*"|[^\s;&|<>]+)/.exec(line.slice(i));
      if (!m) return { error: 'unexpected newline' };
      pending.push({ delim: (m[2] as string).replace(/^['"]|['"]$/g, ''), strip: m[1] === '-' });
      buf += m[0];
      i += m[0].length - 1;
    } else if (ch === '\n') {
      // The lines after one holding `<<` are the heredocs' bodies, up to their delimiters.
      let at = i + 1;
      for (const h of pending) {
        let body = '';
        while (at < line.length) {
          const nl = line.indexOf('\n', at);
          const raw = line.slice(at, nl < 0 ? line.length : nl);
          at = nl < 0 ? line.length : nl + 1;
          const text = h.strip ? raw.replace(/^\t+/, '') : raw;
          if (text === h.delim) break;
          body += text + '\n';
        }
        heredocs.push(body);
      }
      pending = [];
      i = at - 1;
      push(';');
    } else if (ch === ';' || (ch === '&' && line[i + 1] === '&') || (ch === '|' && line[i + 1] === '|')) {
      push(ch === ';' ? ';' : ch === '&' ? '&&' : '||');
      if (ch !== ';') i++;
    } else buf += ch;
  }
  // A heredoc the input ends inside of reads to the end (empty).
  for (const _h of pending) heredocs.push('');
  push(';');
  return out;
}

/** Splits a statement into pipelines, honouring quotes; variables are expanded by `expand`. */
export function parseLine(line: string, expand: (name: string) => string, heredocs: string[] = []): Statement[] | { error: string } {
  const bodies = [...heredocs];
  const statements: Statement[] = [];
  let pipeline: SimpleCommand[] = [];
  let words: string[] = [];
  let cur = '';
  let has = false;
  let quoted = false;
  let redirections: Redirection[] = [];
  let pending: { fd: number; op: Redirection['op'] } | undefined;
  let op: Statement['op'] = ';';
  const endWord = () => {
    if (!has) return;
    if (pending?.op === '<<') {
      const body = bodies.shift() ?? '';
      redirections.push({ fd: 0, op: '<<', target: quoted ? body : expandText(body, expand) });
    } else if (pending) redirections.push({ ...pending, target: cur });
    else words.push(cur);
    pending = undefined;
    cur = '';
    has = false;
    quoted = false;
  };
  const endCommand = () => {
    endWord();
    if (words.length || redirections.length) pipeline.push({ words, redirections });
    words = [];
    redirections = [];
  };
  const endStatement = (next: Statement['op']) => {
    endCommand();
    if (pipeline.length) statements.push({ pipeline, op });
    pipeline = [];
    op = next;
  };
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return { error: 'unterminated quoted string' };
      cur += line.slice(i + 1, end);
      has = quoted = true;
      i = end;
    } else if (ch === '"') {
      const end = line.indexOf('"', i + 1);
      if (end < 0) return { error: 'unterminated quoted string' };
      cur += pending?.op === '<<' ? line.slice(i + 1, end) : expandText(line.slice(i + 1, end), expand);
      has = quoted = true;
      i = end;
    } else if (ch === '$' && pending?.op !== '<<') {
      const m = /^\$(\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*|\?))/.exec(line.slice(i));
      if (m) {
        cur += expand((m[2] ?? m[3]) as string);
        has = true;
        i += m[0].length - 1;
      } else { cur += ch; has = true; }
    } else if (ch === '\\' && i + 1 < line.length) {
      cur += line[++i];
      has = quoted = true;
    } else if (ch === '#' && !has) {
      break;
    } else if (/\s/.test(ch)) {
      endWord();
    } else if (ch === ';') {
      endStatement(';');
    } else if (ch === '&' && line[i + 1] === '&') {
      endStatement('&&');
      i++;
    } else if (ch === '|' && line[i + 1] === '|') {
      endStatement('||');
      i++;
    } else if (ch === '|') {
      endCommand();
    } else if (ch === '<' || ch === '>') {
      // A word of digits right before the operator names the descriptor (`2>`).
      const fd = has && !quoted && /^\d$/.test(cur) ? Number(cur) : undefined;
      if (fd !== undefined) { cur = ''; has = false; } else endWord();
      const next = line[i + 1];
      let kind: Redirection['op'];
      if (ch === '<') {
        kind = next === '<' ? '<<' : '<';
        if (next === '<') { i++; if (line[i + 1] === '-') i++; }
      } else {
        kind = next === '>' ? '>>' : next === '&' ? '>&' : '>';
        if (next === '>' || next === '&' || next === '|') i++;
      }
      pending = { fd: fd ?? (ch === '<' ? 0 : 1), op: kind };
    } else {
      cur += ch;
      has = true;
    }
  }
  endStatement(';');
  // A redirection with no word after it.
  if (pending) return { error: 'unexpected newline' };
  return statements;
}

function expandText(s: string, expand: (name: string) => string): string {
  return s.replace(/\$(\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*|\?))/g, (_m, _a, braced: string | undefined, bare: string | undefined) => expand((braced ?? bare) as string));
}

/** What the shell says when it cannot find a program (`line`: dash counts the lines it has read). */
export function notFoundMessage(flavor: ShellFlavor, cmd: string, line: number): string {
  if (flavor === 'bash') return `bash: ${cmd}: command not found\n`;
  if (flavor === 'dash') return `sh: ${line}: ${cmd}: not found\n`;
  return `sh: ${cmd}: not found\n`;
}

export function cdFailure(flavor: ShellFlavor, dir: string, line: number): { stderr: string; exitCode: number } {
  if (flavor === 'bash') return { stderr: `bash: cd: ${dir}: No such file or directory\n`, exitCode: 1 };
  if (flavor === 'dash') return { stderr: `sh: ${line}: cd: can't cd to ${dir}\n`, exitCode: 2 };
  return { stderr: `sh: cd: can't cd to ${dir}: No such file or directory\n`, exitCode: 2 };
}

/** The filters a pipeline stage may be (text in, text out), as busybox and coreutils give them. */
export function filter(words: string[], input: string): { stdout: string; stderr: string; exitCode: number } | undefined {
  const [bin = '', ...args] = words;
  const lines = input.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const out = (ls: string[], code = 0) => ({ stdout: ls.map((l) => l + '\n').join(''), stderr: '', exitCode: code });
  const count = () => Number(/^-n?(\d+)$/.exec(args.find((a) => /^-n?\d+$/.test(a)) ?? '')?.[1] ?? (args.includes('-n') ? args[args.indexOf('-n') + 1] : 10));
  switch (bin) {
    case 'grep': {
      const flags = args.filter((a) => a.startsWith('-')).join('');
      const pattern = args.find((a) => !a.startsWith('-')) ?? '';
      let re: RegExp;
      try {
        re = new RegExp(pattern, flags.includes('i') ? 'i' : '');
      } catch {
        return { stdout: '', stderr: `grep: bad regex '${pattern}'\n`, exitCode: 2 };
      }
      const hits = lines.filter((l) => re.test(l) !== flags.includes('v'));
      if (flags.includes('c')) return out([String(hits.length)], hits.length ? 0 : 1);
      return out(hits, hits.length ? 0 : 1);
    }
    case 'head': return out(lines.slice(0, count()));
    case 'tail': return out(lines.slice(-count()));
    case 'wc': return out([args.includes('-l') ? String(lines.length) : `${String(lines.length).padStart(7)} ${String(input.split(/\s+/).filter(Boolean).length).padStart(7)} ${String(input.length).padStart(7)}`]);
    case 'sort': return out([...lines].sort());
    case 'cat': return args.length ? undefined : out(lines);
    default: return undefined;
  }
}
