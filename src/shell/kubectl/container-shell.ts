// The shell inside a container, one typed line at a time: busybox ash, Debian's dash (`sh`) or
// bash. It splits the line into statements (; && ||) and pipelines, expands variables, runs
// its builtins (cd, export, assignments, exit) and hands every program to the image's tools
// (container-exec.ts). A program the image lacks fails in the shell's own words.

export type ShellFlavor = 'ash' | 'dash' | 'bash';

export interface ShellWord { text: string; quoted: boolean }

/** One simple command: its words, and where its output goes (`> f`, `>> f`). */
export interface SimpleCommand { words: string[]; redirect?: { path: string; append: boolean }; /** `< file` */ input?: string }

export interface Statement { pipeline: SimpleCommand[]; op: ';' | '&&' | '||' }

/** Splits a line into its statements (; && ||) unexpanded: each is expanded when it runs, after the ones before it. */
export function splitStatements(line: string): { text: string; op: Statement['op'] }[] | { error: string } {
  const out: { text: string; op: Statement['op'] }[] = [];
  let start = 0;
  let op: Statement['op'] = ';';
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (ch === "'" || ch === '"') {
      const end = line.indexOf(ch, i + 1);
      if (end < 0) return { error: 'unterminated quoted string' };
      i = end;
    } else if (ch === '\\') i++;
    else if (ch === '#' && (i === 0 || /\s/.test(line[i - 1] as string))) break;
    else if (ch === ';' || (ch === '&' && line[i + 1] === '&') || (ch === '|' && line[i + 1] === '|')) {
      out.push({ text: line.slice(start, i), op });
      op = ch === ';' ? ';' : ch === '&' ? '&&' : '||';
      if (ch !== ';') i++;
      start = i + 1;
    }
  }
  out.push({ text: line.slice(start).replace(/(^|\s)#.*$/, ''), op });
  return out.filter((s) => s.text.trim() !== '');
}

/** Splits a line into statements and pipelines, honouring quotes; variables are expanded by `expand`. */
export function parseLine(line: string, expand: (name: string) => string): Statement[] | { error: string } {
  const statements: Statement[] = [];
  let pipeline: SimpleCommand[] = [];
  let words: string[] = [];
  let cur = '';
  let has = false;
  let redirect: SimpleCommand['redirect'];
  let pendingRedirect: boolean | undefined;
  let pendingInput = false;
  let input: string | undefined;
  let op: Statement['op'] = ';';
  const endWord = () => {
    if (!has) return;
    if (pendingInput) {
      input = cur;
      pendingInput = false;
    } else if (pendingRedirect !== undefined) {
      redirect = { path: cur, append: pendingRedirect };
      pendingRedirect = undefined;
    } else words.push(cur);
    cur = '';
    has = false;
  };
  const endCommand = () => {
    endWord();
    if (words.length || redirect) pipeline.push({ words, ...(redirect ? { redirect } : {}), ...(input !== undefined ? { input } : {}) });
    words = [];
    redirect = undefined;
    input = undefined;
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
      has = true;
      i = end;
    } else if (ch === '"') {
      const end = line.indexOf('"', i + 1);
      if (end < 0) return { error: 'unterminated quoted string' };
      cur += expandText(line.slice(i + 1, end), expand);
      has = true;
      i = end;
    } else if (ch === '$') {
      const m = /^\$(\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*|\?))/.exec(line.slice(i));
      if (m) {
        cur += expand((m[2] ?? m[3]) as string);
        has = true;
        i += m[0].length - 1;
      } else { cur += ch; has = true; }
    } else if (ch === '\\' && i + 1 < line.length) {
      cur += line[++i];
      has = true;
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
    } else if (ch === '<') {
      endWord();
      pendingInput = true;
    } else if (ch === '>') {
      endWord();
      pendingRedirect = line[i + 1] === '>';
      if (pendingRedirect) i++;
    } else {
      cur += ch;
      has = true;
    }
  }
  endStatement(';');
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
