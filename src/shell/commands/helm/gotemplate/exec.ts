// Executes parsed templates against data: dot and `$`, variables scoped to their block,
// pipelines feeding the previous result as the last argument, and Helm's `include`/`tpl`.

import { FUNCS, goString, truthy, type Fn } from './funcs';
import { TemplateError, parseTemplate, type Arg, type Node, type Pipe } from './parse';

class Break {}
class Continue {}

interface Scope {
  vars: Map<string, unknown>[];
}

export class TemplateSet {
  readonly defs = new Map<string, Node[]>();
  private readonly files = new Map<string, Node[]>();
  private readonly funcs: Record<string, Fn>;

  constructor() {
    this.funcs = {
      ...FUNCS,
      include: (name, data) => this.run(goString(name), data),
      tpl: (text, data) => {
        const nodes = parseTemplate(goString(text), 'tpl', this.defs);
        return this.exec(nodes, data, { vars: [new Map([['$', data]])] }, 'tpl');
      },
    };
  }

  /** Parses a chart file (its `define`s become available to every file). */
  add(name: string, src: string): void {
    this.files.set(name, parseTemplate(src, name, this.defs));
  }

  /** Renders a file added with `add`, or a `define`d template, with `data` as dot and `$`. */
  run(name: string, data: unknown): string {
    const nodes = this.files.get(name) ?? this.defs.get(name);
    if (!nodes) throw new TemplateError(`template: no template "${name}" associated with template "gotpl"`);
    return this.exec(nodes, data, { vars: [new Map([['$', data]])] }, name);
  }

  private exec(nodes: Node[], dot: unknown, scope: Scope, file: string): string {
    let out = '';
    for (const n of nodes) {
      switch (n.t) {
        case 'text': out += n.text; break;
        case 'action': {
          let v: unknown;
          try {
            v = this.pipe(n.pipe, dot, scope);
          } catch (e) {
            if (e instanceof TemplateError && !e.message.startsWith('template:')) {
              throw new TemplateError(`template: ${file}:${n.line}: executing "${file}" at <${n.src}>: ${e.message}`);
            }
            throw e;
          }
          if (!n.pipe.decl.length) out += goString(v);
          break;
        }
        case 'if': case 'with': {
          scope.vars.push(new Map());
          const v = this.pipe(n.pipe, dot, scope);
          if (truthy(v)) out += this.exec(n.body, n.t === 'with' ? v : dot, scope, file);
          else if (n.else) out += this.exec(n.else, dot, scope, file);
          scope.vars.pop();
          break;
        }
        case 'range': out += this.range(n, dot, scope, file); break;
        case 'template': {
          const data = n.pipe ? this.pipe(n.pipe, dot, scope) : undefined;
          out += this.run(n.name, data);
          break;
        }
        case 'break': throw new Break();
        case 'continue': throw new Continue();
      }
    }
    return out;
  }

  private range(n: { pipe: Pipe; body: Node[]; else?: Node[] }, dot: unknown, scope: Scope, file: string): string {
    const decl = n.pipe.decl;
    const value = this.pipe({ ...n.pipe, decl: [] }, dot, scope);
    let entries: [unknown, unknown][] = [];
    if (Array.isArray(value)) entries = value.map((v, i) => [i, v]);
    else if (value && typeof value === 'object') entries = Object.keys(value).sort().map((k) => [k, (value as Record<string, unknown>)[k]]);
    else if (typeof value === 'number') entries = Array.from({ length: value }, (_, i) => [i, i]);
    if (!entries.length) return n.else ? this.exec(n.else, dot, scope, file) : '';
    let out = '';
    for (const [k, v] of entries) {
      const vars = new Map<string, unknown>();
      if (decl.length === 1) vars.set(decl[0] as string, v);
      if (decl.length === 2) { vars.set(decl[0] as string, k); vars.set(decl[1] as string, v); }
      scope.vars.push(vars);
      try {
        out += this.exec(n.body, v, scope, file);
      } catch (e) {
        if (e instanceof Break) { scope.vars.pop(); break; }
        if (!(e instanceof Continue)) throw e;
      }
      scope.vars.pop();
    }
    return out;
  }

  private lookupVar(name: string, scope: Scope): unknown {
    for (let i = scope.vars.length - 1; i >= 0; i--) {
      const m = scope.vars[i] as Map<string, unknown>;
      if (m.has(name)) return m.get(name);
    }
    throw new TemplateError(`undefined variable: ${name}`);
  }

  private pipe(p: Pipe, dot: unknown, scope: Scope): unknown {
    let v: unknown;
    p.cmds.forEach((cmd, i) => { v = this.command(cmd, dot, scope, i > 0 ? [v] : []); });
    if (p.decl.length) {
      const name = p.decl[0] as string;
      if (p.assign) {
        for (let i = scope.vars.length - 1; i >= 0; i--) if ((scope.vars[i] as Map<string, unknown>).has(name)) { (scope.vars[i] as Map<string, unknown>).set(name, v); break; }
      } else (scope.vars[scope.vars.length - 1] as Map<string, unknown>).set(name, v);
    }
    return v;
  }

  private command(cmd: Arg[], dot: unknown, scope: Scope, piped: unknown[]): unknown {
    const first = cmd[0] as Arg;
    if (first.t === 'ident') {
      const fn = this.funcs[first.name];
      if (!fn) throw new TemplateError(`function "${first.name}" not defined`);
      const args = cmd.slice(1).map((a) => this.arg(a, dot, scope));
      // `and`/`or` see their arguments evaluated already; that is fine for the values charts use.
      return fn(...args, ...piped);
    }
    if (cmd.length > 1 || piped.length) throw new TemplateError(`can't give argument to non-function ${describe(first)}`);
    return this.arg(first, dot, scope);
  }

  private arg(a: Arg, dot: unknown, scope: Scope): unknown {
    switch (a.t) {
      case 'lit': return a.v;
      case 'ident': {
        const fn = this.funcs[a.name];
        if (!fn) throw new TemplateError(`function "${a.name}" not defined`);
        return fn();
      }
      case 'field': return walk(a.from === 'dot' ? dot : this.lookupVar(a.name, scope), a.path);
      case 'sub': return walk(this.pipe(a.pipe, dot, scope), a.path);
    }
  }
}

function describe(a: Arg): string {
  return a.t === 'field' ? (a.from === 'var' ? a.name : '') + '.' + a.path.join('.') : a.t === 'lit' ? goString(a.v) : a.t;
}

function walk(v: unknown, path: string[]): unknown {
  let cur = v;
  for (const key of path) {
    if (cur === null || cur === undefined) return undefined;
    if (typeof cur !== 'object') throw new TemplateError(`can't evaluate field ${key} in type ${typeof cur}`);
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}
