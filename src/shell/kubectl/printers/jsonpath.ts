// kubectl's JSONPath templates (k8s.io/client-go/util/jsonpath) for -o jsonpath= and
// custom-columns: `{.a.b}`, `{.items[*].metadata.name}`, `{range …}{end}`, `{"\n"}`, `[0]`,
// `[-1]`, `[1:3]`, `..name`, `*`, and filters `[?(@.type=="Ready")]`. Missing keys print nothing.

import { CmdError } from '../errors';

type Node =
  | { t: 'text'; v: string }
  | { t: 'path'; steps: Step[]; src: string }
  | { t: 'range'; steps: Step[]; body: Node[] };

type Step =
  | { k: 'field'; name: string }
  | { k: 'recursive'; name: string }
  | { k: 'wild' }
  | { k: 'index'; i: number }
  | { k: 'slice'; from?: number; to?: number }
  | { k: 'filter'; left: Step[]; op?: string; right?: string | number };

export function parseTemplate(template: string): Node[] {
  const root: Node[] = [];
  const stack: Node[][] = [root];
  let i = 0;
  const cur = () => stack[stack.length - 1] as Node[];
  while (i < template.length) {
    const open = template.indexOf('{', i);
    if (open < 0) { cur().push({ t: 'text', v: template.slice(i) }); break; }
    if (open > i) cur().push({ t: 'text', v: template.slice(i, open) });
    const close = findClose(template, open);
    if (close < 0) throw new CmdError(`error: error parsing jsonpath ${template}, unclosed action`);
    const inner = template.slice(open + 1, close).trim();
    i = close + 1;
    if (inner.startsWith('"')) {
      cur().push({ t: 'text', v: unquote(inner) });
    } else if (inner.startsWith('range ')) {
      const body: Node[] = [];
      cur().push({ t: 'range', steps: parsePath(inner.slice(6).trim(), template), body });
      stack.push(body);
    } else if (inner === 'end') {
      if (stack.length === 1) throw new CmdError(`error: error parsing jsonpath ${template}, not in range, nothing to end`);
      stack.pop();
    } else {
      cur().push({ t: 'path', steps: parsePath(inner, template), src: inner });
    }
  }
  return root;
}

function findClose(s: string, open: number): number {
  let inStr = false;
  for (let i = open + 1; i < s.length; i++) {
    const c = s[i];
    if (c === '\\' && inStr) { i++; continue; }
    if (c === '"') inStr = !inStr;
    if (c === '}' && !inStr) return i;
  }
  return -1;
}

function unquote(s: string): string {
  try {
    return JSON.parse(s) as string;
  } catch {
    return s.slice(1, -1);
  }
}

function parsePath(src: string, template: string): Step[] {
  const steps: Step[] = [];
  let i = 0;
  if (src.startsWith('$') || src.startsWith('@')) i = 1;
  const bad = () => new CmdError(`error: error parsing jsonpath ${template}, unrecognized identifier ${src.slice(i)}`);
  while (i < src.length) {
    if (src.startsWith('..', i)) {
      i += 2;
      const m = /^[\w-]+/.exec(src.slice(i));
      if (!m) throw bad();
      steps.push({ k: 'recursive', name: m[0] });
      i += m[0].length;
    } else if (src[i] === '.') {
      i++;
      if (src[i] === '*') { steps.push({ k: 'wild' }); i++; continue; }
      // A backslash keeps a dot inside a key: .metadata.annotations.kubectl\.kubernetes\.io/x
      const m = /^(?:\\.|[^.[\]\s\\])*/.exec(src.slice(i)) as RegExpExecArray;
      if (m[0]) steps.push({ k: 'field', name: m[0].replace(/\\(.)/g, '$1') });
      i += m[0].length;
    } else if (src[i] === '[') {
      const close = src.indexOf(']', src[i + 1] === '?' ? src.indexOf(')', i) : i);
      if (close < 0) throw new CmdError(`error: error parsing jsonpath ${template}, unterminated array`);
      const body = src.slice(i + 1, close).trim();
      i = close + 1;
      if (body === '*') steps.push({ k: 'wild' });
      else if (/^-?\d+$/.test(body)) steps.push({ k: 'index', i: Number(body) });
      else if (/^-?\d*:-?\d*$/.test(body)) {
        const [a, b] = body.split(':') as [string, string];
        const s: Step = { k: 'slice' };
        if (a) s.from = Number(a);
        if (b) s.to = Number(b);
        steps.push(s);
      } else if (/^'.*'$|^".*"$/.test(body)) steps.push({ k: 'field', name: body.slice(1, -1) });
      else if (body.startsWith('?(') && body.endsWith(')')) steps.push(parseFilter(body.slice(2, -1).trim(), template));
      else throw bad();
    } else if (/[\w-]/.test(src[i] as string) && steps.length === 0) {
      const m = /^[^.[\]\s]*/.exec(src.slice(i)) as RegExpExecArray;
      steps.push({ k: 'field', name: m[0] });
      i += m[0].length;
    } else throw bad();
  }
  return steps;
}

function parseFilter(expr: string, template: string): Step {
  const m = /^(@[^\s=!<>]*)\s*(==|!=|<=|>=|<|>)\s*(.+)$/.exec(expr);
  if (!m) return { k: 'filter', left: parsePath(expr, template) };
  const raw = (m[3] as string).trim();
  const right = /^['"].*['"]$/.test(raw) ? raw.slice(1, -1) : Number(raw);
  return { k: 'filter', left: parsePath(m[1] as string, template), op: m[2] as string, right };
}

function children(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (v && typeof v === 'object') return Object.keys(v as object).sort().map((k) => (v as Record<string, unknown>)[k]);
  return [];
}

function recurse(v: unknown, name: string, out: unknown[]): void {
  if (v && typeof v === 'object' && !Array.isArray(v) && name in (v as object)) out.push((v as Record<string, unknown>)[name]);
  for (const c of children(v)) if (c && typeof c === 'object') recurse(c, name, out);
}

export function evaluate(steps: Step[], input: unknown): unknown[] {
  let cur: unknown[] = [input];
  for (const s of steps) {
    const next: unknown[] = [];
    for (const v of cur) {
      switch (s.k) {
        case 'field':
          if (v && typeof v === 'object' && !Array.isArray(v) && (v as Record<string, unknown>)[s.name] !== undefined) next.push((v as Record<string, unknown>)[s.name]);
          break;
        case 'recursive': recurse(v, s.name, next); break;
        case 'wild': next.push(...children(v)); break;
        case 'index':
          if (Array.isArray(v)) {
            const idx = s.i < 0 ? v.length + s.i : s.i;
            if (idx >= 0 && idx < v.length) next.push(v[idx]);
          }
          break;
        case 'slice':
          if (Array.isArray(v)) next.push(...v.slice(s.from ?? 0, s.to ?? v.length));
          break;
        case 'filter':
          for (const item of Array.isArray(v) ? v : [v]) if (passes(s, item)) next.push(item);
          break;
      }
    }
    cur = next;
  }
  return cur;
}

function passes(f: Extract<Step, { k: 'filter' }>, item: unknown): boolean {
  const found = evaluate(f.left, item);
  if (f.op === undefined) return found.length > 0;
  return found.some((x) => {
    const r = f.right;
    switch (f.op) {
      case '==': return typeof r === 'number' ? Number(x) === r : String(x) === r;
      case '!=': return typeof r === 'number' ? Number(x) !== r : String(x) !== r;
      case '<': return Number(x) < Number(r);
      case '>': return Number(x) > Number(r);
      case '<=': return Number(x) <= Number(r);
      case '>=': return Number(x) >= Number(r);
      default: return false;
    }
  });
}

/** Go's json.Marshal: compact, keys sorted. */
export function goJson(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return `[${v.map(goJson).join(',')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).sort().filter((k) => o[k] !== undefined).map((k) => `${JSON.stringify(k)}:${goJson(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v).replace(/[<>&]/g, (c) => `\\u${(c.codePointAt(0) as number).toString(16).padStart(4, '0')}`);
}

function printValue(v: unknown): string {
  if (v !== null && typeof v === 'object') return goJson(v);
  if (v === null) return '<nil>';
  return String(v);
}

export function executeTemplate(nodes: Node[], data: unknown): string {
  let out = '';
  for (const n of nodes) {
    if (n.t === 'text') out += n.v;
    else if (n.t === 'path') out += evaluate(n.steps, data).map(printValue).join(' ');
    else for (const item of evaluate(n.steps, data)) out += executeTemplate(n.body, item);
  }
  return out;
}

/** -o jsonpath=TEMPLATE over one object (or a List). */
export function printJsonPath(template: string, data: unknown): string {
  return executeTemplate(parseTemplate(template), data);
}

/** custom-columns and --sort-by accept `.a.b` or `a.b` without braces. */
export function relaxedTemplate(expr: string): string {
  if (expr.startsWith('{') && expr.endsWith('}')) return expr;
  return `{${expr.startsWith('.') ? expr : '.' + expr}}`;
}
