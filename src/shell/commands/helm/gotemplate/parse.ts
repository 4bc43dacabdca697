// A parser for the part of Go's text/template language Helm charts use: text and actions
// with `{{-`/`-}}` trimming and comments, pipelines with variables, fields, literals,
// functions and parentheses, and if/else if/else, range, with, define, template, block.

export type Arg =
  | { t: 'field'; from: 'dot' | 'var'; name: string; path: string[] }
  | { t: 'lit'; v: unknown }
  | { t: 'ident'; name: string }
  | { t: 'sub'; pipe: Pipe; path: string[] };

export interface Pipe {
  decl: string[];
  /** `$x = v` (assignment to an existing variable) rather than `$x := v`. */
  assign: boolean;
  cmds: Arg[][];
}

export type Node =
  | { t: 'text'; text: string }
  | { t: 'action'; pipe: Pipe; line: number; src: string }
  | { t: 'if' | 'with' | 'range'; pipe: Pipe; body: Node[]; else?: Node[] }
  | { t: 'template'; name: string; pipe?: Pipe }
  | { t: 'break' | 'continue' };

export class TemplateError extends Error {}

interface Item {
  kind: 'text' | 'action';
  text: string;
  line: number;
}

/** Splits source into text and action items, applying the trim markers. */
function lex(src: string, name: string): Item[] {
  const items: Item[] = [];
  let i = 0;
  let line = 1;
  while (i < src.length) {
    const open = src.indexOf('{{', i);
    if (open < 0) { items.push({ kind: 'text', text: src.slice(i), line }); break; }
    let text = src.slice(i, open);
    let j = open + 2;
    if (src[j] === '-' && /\s/.test(src[j + 1] ?? '')) { text = text.replace(/\s+$/, ''); j += 2; }
    if (text) items.push({ kind: 'text', text, line });
    line += (src.slice(i, open).match(/\n/g) ?? []).length;
    // Find the closing braces outside string literals.
    let k = j;
    let quote = '';
    for (; k < src.length; k++) {
      const c = src[k];
      if (quote) {
        if (c === '\\' && quote === '"') k++;
        else if (c === quote) quote = '';
      } else if (c === '"' || c === '`') {
        quote = c;
      } else if (c === "'") {
        const end = src.indexOf("'", k + 1);
        if (end > 0) k = end;
      } else if (c === '/' && src[k + 1] === '*') {
        const end = src.indexOf('*/', k + 2);
        if (end < 0) throw new TemplateError(`template: ${name}:${line}: unclosed comment`);
        k = end + 1;
      } else if (c === '}' && src[k + 1] === '}') break;
    }
    if (k >= src.length) throw new TemplateError(`template: ${name}:${line}: unclosed action`);
    let body = src.slice(j, k);
    let next = k + 2;
    if (/\s-$/.test(body)) {
      body = body.slice(0, -2);
      while (next < src.length && /\s/.test(src[next] as string)) next++;
    }
    if (!/^\s*\/\*[\s\S]*\*\/\s*$/.test(body)) items.push({ kind: 'action', text: body.trim(), line });
    line += (src.slice(open, next).match(/\n/g) ?? []).length;
    i = next;
  }
  return items;
}

type Tok = { t: 'str' | 'num' | 'word' | 'field' | 'var' | 'punct'; v: string; /** preceded by whitespace */ sp?: boolean };

function tokenize(s: string, where: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  let sp = false;
  const push = out.push.bind(out);
  const at = (tok: Tok) => { push({ ...tok, sp }); sp = false; return 0; };
  while (i < s.length) {
    const c = s[i] as string;
    if (/\s/.test(c)) { i++; sp = true; continue; }
    if (c === '"') {
      let j = i + 1;
      while (j < s.length && s[j] !== '"') j += s[j] === '\\' ? 2 : 1;
      at({ t: 'str', v: JSON.parse(s.slice(i, j + 1)) as string });
      i = j + 1;
    } else if (c === '`') {
      const j = s.indexOf('`', i + 1);
      at({ t: 'str', v: s.slice(i + 1, j) });
      i = j + 1;
    } else if (c === "'") {
      const j = s.indexOf("'", i + 1);
      at({ t: 'num', v: String(s.charCodeAt(i + 1)) });
      i = j + 1;
    } else if (c === ':' && s[i + 1] === '=') { at({ t: 'punct', v: ':=' }); i += 2; }
    else if ('()|,='.includes(c)) { at({ t: 'punct', v: c }); i++; }
    else {
      const m = /^(\$[\w]*(?:\.[\w]+)*|\.[\w]*(?:\.[\w]+)*|-?\d+(?:\.\d+)?(?:e-?\d+)?|0x[0-9a-fA-F]+|[A-Za-z_][\w]*(?:\.[\w]+)*)/.exec(s.slice(i));
      if (!m) throw new TemplateError(`${where}: unexpected "${c}" in command`);
      const v = m[0];
      at({ t: v.startsWith('$') ? 'var' : v.startsWith('.') ? 'field' : /^-?\d|^0x/.test(v) ? 'num' : 'word', v });
      i += v.length;
    }
  }
  return out;
}

function parsePipe(toks: Tok[], pos: { i: number }, where: string): Pipe {
  const pipe: Pipe = { decl: [], assign: false, cmds: [] };
  // Variable declaration: `$x :=`, `$i, $v :=`, `$x =`.
  const save = pos.i;
  const vars: string[] = [];
  while (toks[pos.i]?.t === 'var') {
    vars.push((toks[pos.i] as Tok).v);
    pos.i++;
    if (toks[pos.i]?.v === ',') { pos.i++; continue; }
    break;
  }
  const op = toks[pos.i]?.v;
  if (vars.length && (op === ':=' || op === '=')) { pipe.decl = vars; pipe.assign = op === '='; pos.i++; }
  else pos.i = save;
  let cmd: Arg[] = [];
  while (pos.i < toks.length) {
    const tok = toks[pos.i] as Tok;
    if (tok.v === ')' && tok.t === 'punct') break;
    pos.i++;
    if (tok.t === 'punct' && tok.v === '|') {
      if (!cmd.length) throw new TemplateError(`${where}: missing command`);
      pipe.cmds.push(cmd);
      cmd = [];
      continue;
    }
    if (tok.t === 'punct' && tok.v === '(') {
      const inner = parsePipe(toks, pos, where);
      if (toks[pos.i]?.v !== ')') throw new TemplateError(`${where}: unclosed left paren`);
      pos.i++;
      const after = toks[pos.i];
      let path: string[] = [];
      if (after?.t === 'field' && !after.sp) { path = after.v.split('.').filter(Boolean); pos.i++; }
      cmd.push({ t: 'sub', pipe: inner, path });
      continue;
    }
    cmd.push(argOf(tok, where));
  }
  if (cmd.length) pipe.cmds.push(cmd);
  return pipe;
}

function argOf(tok: Tok, where: string): Arg {
  switch (tok.t) {
    case 'str': return { t: 'lit', v: tok.v };
    case 'num': return { t: 'lit', v: Number(tok.v) };
    case 'field': return { t: 'field', from: 'dot', name: '', path: tok.v.split('.').filter(Boolean) };
    case 'var': {
      const [name, ...path] = tok.v.split('.');
      return { t: 'field', from: 'var', name: name as string, path };
    }
    case 'word':
      if (tok.v === 'true' || tok.v === 'false') return { t: 'lit', v: tok.v === 'true' };
      if (tok.v === 'nil') return { t: 'lit', v: null };
      return { t: 'ident', name: tok.v };
    default: throw new TemplateError(`${where}: unexpected "${tok.v}" in operand`);
  }
}

export function parsePipeline(text: string, where: string): Pipe {
  const toks = tokenize(text, where);
  const pos = { i: 0 };
  const p = parsePipe(toks, pos, where);
  if (pos.i < toks.length) throw new TemplateError(`${where}: unexpected "${toks[pos.i]?.v}" in operand`);
  return p;
}

/** Parses a template file; `define`d templates are added to `defs`. */
export function parseTemplate(src: string, name: string, defs: Map<string, Node[]>): Node[] {
  const items = lex(src, name);
  let idx = 0;
  const where = (it: Item) => `template: ${name}:${it.line}`;
  // Returns the nodes up to an `else`/`end` and which one stopped it.
  const list = (): { nodes: Node[]; stop?: string; item?: Item } => {
    const nodes: Node[] = [];
    while (idx < items.length) {
      const it = items[idx++] as Item;
      if (it.kind === 'text') { nodes.push({ t: 'text', text: it.text }); continue; }
      const m = /^(\w+)\b\s*([\s\S]*)$/.exec(it.text);
      const word = m?.[1] ?? '';
      const rest = m?.[2] ?? '';
      switch (word) {
        case 'end': return { nodes, stop: 'end', item: it };
        case 'else': return { nodes, stop: rest ? `else ${rest}` : 'else', item: it };
        case 'if': case 'with': case 'range': nodes.push(block(word, rest, it)); break;
        case 'define': case 'block': {
          const nm = /^"([^"]*)"\s*(.*)$/.exec(rest);
          if (!nm) throw new TemplateError(`${where(it)}: unexpected "${rest}" in ${word} clause`);
          const inner = list();
          if (inner.stop !== 'end') throw new TemplateError(`${where(it)}: unexpected EOF`);
          defs.set(nm[1] as string, inner.nodes);
          if (word === 'block') nodes.push({ t: 'template', name: nm[1] as string, pipe: parsePipeline(nm[2] as string, where(it)) });
          break;
        }
        case 'template': {
          const nm = /^"([^"]*)"\s*(.*)$/.exec(rest);
          if (!nm) throw new TemplateError(`${where(it)}: unexpected "${rest}" in template clause`);
          nodes.push({ t: 'template', name: nm[1] as string, ...(nm[2] ? { pipe: parsePipeline(nm[2], where(it)) } : {}) });
          break;
        }
        case 'break': case 'continue': nodes.push({ t: word }); break;
        default: nodes.push({ t: 'action', pipe: parsePipeline(it.text, where(it)), line: it.line, src: it.text });
      }
    }
    return { nodes };
  };
  const block = (word: 'if' | 'with' | 'range', rest: string, it: Item): Node => {
    const pipe = parsePipeline(rest, where(it));
    const body = list();
    const node: Node = { t: word, pipe, body: body.nodes };
    if (body.stop === 'else') {
      const alt = list();
      if (alt.stop !== 'end') throw new TemplateError(`${where(it)}: unexpected EOF`);
      node.else = alt.nodes;
    } else if (body.stop?.startsWith('else ')) {
      // `else if …` / `else with …`: the rest of the chain is a nested block sharing our `end`.
      const m = /^else\s+(if|with)\s+([\s\S]*)$/.exec(body.stop);
      if (!m) throw new TemplateError(`${where(it)}: unexpected ${body.stop}`);
      node.else = [block(m[1] as 'if' | 'with', m[2] as string, body.item as Item)];
    } else if (body.stop !== 'end') throw new TemplateError(`${where(it)}: unexpected EOF`);
    return node;
  };
  const top = list();
  if (top.stop) throw new TemplateError(`${where(top.item as Item)}: unexpected {{${top.stop}}}`);
  return top.nodes;
}
