// parseLab: a lab folder's files (as text) → a validated Lab, or a LabError naming the file,
// the line and the reason. No filesystem access here: the page loads labs the same way.
// A lab with `parameters:` is parsed as one attempt: the values drawn from a seed are written
// into its text first (params.ts); instantiateLab draws another attempt from the same files.

import { LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { LabError } from './errors';
import { CKA_DOMAINS, DIFFICULTIES, keysOf, TABLES } from './fields';
import { drawValues, parseParameters, substitute } from './params';
import { parseChecks } from './parse-checks';
import { environmentFromFiles, parseEnvironment } from './parse-environment';
import { composeSolution, parseSteps, parseTasks } from './parse-parts';
import type { Lab, ParameterSpec } from './types';
import { YamlReader } from './yaml-reader';

export function parseLab(dir: string, files: Record<string, string>): Lab {
  return parseAttempt(dir, files, undefined);
}

/** The lab as attempt `seed` sees it: its parameters drawn from that seed. */
export function instantiateLab(lab: Lab, seed: number): Lab {
  if (!lab.parameters || !lab.source || lab.attempt?.seed === seed) return lab;
  return parseAttempt(lab.source.dir, lab.source.files, seed);
}

function read(file: string, src: string): { doc: Document; r: YamlReader } {
  const lines = new LineCounter();
  const doc = parseDocument(src, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const err = doc.errors[0];
  if (err) {
    const line = err.linePos?.[0]?.line ?? lines.linePos(err.pos[0]).line;
    throw new LabError(file, line, `YAML syntax error: ${(err.message.split('\n')[0] as string)}`);
  }
  const r = new YamlReader(file, doc, lines);
  if (doc.contents === null) r.fail(null, 'lab.yaml is empty');
  return { doc, r };
}

function parseAttempt(dir: string, original: Record<string, string>, seed: number | undefined): Lab {
  const base = dir.replace(/\/+$/, '');
  const file = `${base}/lab.yaml`;
  const src = original['lab.yaml'];
  if (src === undefined) throw new LabError(file, undefined, 'no lab.yaml in this folder');
  let { doc, r } = read(file, src);
  let files = original;
  let specs: Record<string, ParameterSpec> | undefined;
  let attempt: Lab['attempt'];
  const raw = r.map(doc.contents as Node, 'lab');
  const paramNode = raw.get('parameters', true) as Node | undefined;
  if (paramNode) {
    specs = parseParameters(r, paramNode);
    const envSeed = (doc.toJS() as { environment?: { seed?: unknown } }).environment?.seed;
    const s = seed ?? (typeof envSeed === 'number' ? envSeed : 1);
    const values = drawValues(specs, s);
    attempt = { seed: s, values };
    files = substituteAll(base, original, values);
    ({ doc, r } = read(file, files['lab.yaml'] as string));
    r.numericStrings = true;
  }
  const f = r.fields(doc.contents as Node, 'lab', keysOf(TABLES.lab));

  const id = f.string('id') ?? base.split('/').pop() ?? '';
  if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(id)) r.fail(f.node_('id') ?? f.node, `lab id "${id}" must be lowercase letters, digits and dashes`);
  const kind = f.oneOf('kind', ['lab', 'exam'] as const) ?? 'lab';

  const instructions = f.string('instructions') ?? files['README.md'];
  if (instructions === undefined || instructions.trim() === '') {
    r.fail(f.node, 'lab is missing its instructions (an "instructions" field or a README.md next to lab.yaml)');
  }
  const has = (k: string) => f.has(k);
  if (kind === 'exam') {
    if (!has('tasks')) r.fail(f.node, 'an exam (kind: exam) needs "tasks"');
    for (const k of ['steps', 'checks', 'solution']) if (has(k)) r.fail(f.at(k), `an exam has no top-level "${k}": each task has its own`);
  } else {
    if (has('tasks')) r.fail(f.at('tasks'), 'only an exam has tasks (add "kind: exam")');
    if (has('steps') && has('checks')) r.fail(f.at('checks'), 'a guided lab has no top-level "checks": each step has its own');
    if (has('steps') && has('solution')) r.fail(f.at('solution'), 'a guided lab has no top-level "solution": each step has its own');
  }

  const steps = has('steps') ? parseSteps(r, f.node_('steps')) : undefined;
  const tasks = has('tasks') ? parseTasks(r, f.node_('tasks')) : undefined;
  const checks = steps ? steps.flatMap((s) => s.checks) : tasks ? tasks.flatMap((t) => t.checks) : has('checks') ? parseChecks(r, f.node_('checks'), 'checks') : f.missing('checks');
  const solution = steps || tasks ? composeSolution(steps, tasks) : f.string('solution') ?? files['solution.sh'];
  if (solution === undefined || solution.trim() === '') {
    r.fail(f.node, 'lab is missing its reference solution (a "solution" field or a solution.sh next to lab.yaml)');
  }

  const lab: Lab = {
    id,
    kind,
    title: f.requiredString('title'),
    instructions,
    environment: has('environment') ? parseEnvironment(r, f.node_('environment') as Node, files) : environmentFromFiles(files),
    checks,
    solution,
  };
  if (steps) lab.steps = steps;
  if (tasks) lab.tasks = tasks;
  const summary = f.string('summary');
  if (summary !== undefined) lab.summary = summary;
  const domain = f.oneOf('domain', CKA_DOMAINS);
  const domains = f.stringList('domains');
  if (domain !== undefined && domains !== undefined) r.fail(f.at('domains'), 'give "domain" or "domains", not both');
  for (const [i, d] of (domains ?? []).entries()) {
    if (!(CKA_DOMAINS as readonly string[]).includes(d)) r.fail(f.node_('domains'), `domains[${i}] must be one of: ${CKA_DOMAINS.join(' | ')}; got "${d}"`);
  }
  const all = domains ?? (domain !== undefined ? [domain] : undefined);
  if (all?.length) {
    lab.domain = all[0] as string;
    lab.domains = all;
  }
  const competency = f.string('competency');
  if (competency !== undefined) lab.competency = competency;
  const tags = f.stringList('tags');
  if (tags !== undefined) lab.tags = tags;
  const difficulty = f.oneOf('difficulty', DIFFICULTIES);
  if (difficulty !== undefined) lab.difficulty = difficulty;
  const minutes = f.number('minutes', { integer: true, min: 1 });
  if (minutes !== undefined) lab.minutes = minutes;
  const version = f.string('kubernetesVersion');
  if (version !== undefined) {
    if (!/^v?\d+\.\d+(\.\d+)?$/.test(version)) r.fail(f.node_('kubernetesVersion'), `kubernetesVersion must look like v1.35 or v1.35.0, got "${version}"`);
    lab.kubernetesVersion = version;
  }
  const hints = f.stringList('hints');
  if (hints !== undefined) lab.hints = hints;
  if (specs && attempt) {
    lab.parameters = specs;
    lab.attempt = attempt;
    lab.source = { dir, files: original };
  }
  return lab;
}

/** Values into every text file of the lab; an unknown `{{name}}` is an error at its line. */
function substituteAll(base: string, files: Record<string, string>, values: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, text] of Object.entries(files)) {
    if (!/\.(ya?ml|md|sh)$/.test(name)) {
      out[name] = text;
      continue;
    }
    const res = substitute(text, values);
    const bad = res.unknown[0];
    if (bad) throw new LabError(`${base}/${name}`, bad.line, `unknown parameter "{{${bad.name}}}" (declared: ${Object.keys(values).join(', ')})`);
    out[name] = res.text;
  }
  return out;
}
