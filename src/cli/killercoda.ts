// A Killercoda scenario (index.json, step Markdown, verify/background/foreground scripts, assets)
// converted into a guided lab.yaml. Pure: files in, text and warnings out; the command in
// import.ts reads and writes the disk. What does not convert is listed in docs/authoring.md
// ("Importing a Killercoda scenario") and reported as warnings.

import { parse as parseBash } from 'just-bash';
import { stringify } from 'yaml';
import { convertStepMarkdown } from './killercoda-markdown';

/** Killercoda's index.json, the parts we read. */
interface ScenarioIndex {
  title?: unknown;
  description?: unknown;
  difficulty?: unknown;
  time?: unknown;
  details?: {
    intro?: { text?: unknown; background?: unknown; foreground?: unknown };
    steps?: { title?: unknown; text?: unknown; verify?: unknown; background?: unknown; foreground?: unknown }[];
    finish?: { text?: unknown };
    assets?: Record<string, { file?: unknown; target?: unknown; chmod?: unknown }[]>;
  };
  backend?: { imageid?: unknown };
}

export interface ImportOptions {
  id: string;
  /** The CKA domain the lab belongs to (a scenario does not say). */
  domain?: string;
  /** Whether our shell has a command; verify scripts calling others are reported. */
  knownCommand?: (name: string) => boolean;
}

export interface ImportResult {
  /** The lab.yaml text. */
  yaml: string;
  warnings: string[];
}

/** Killercoda's kubeadm hosts and ours: host01 is the control plane, host02 the first worker. */
const HOSTS: Record<string, string | undefined> = { host01: undefined, host02: 'node01' };
const KUBEADM_IMAGES = new Set(['kubernetes-kubeadm-1node', 'kubernetes-kubeadm-2nodes']);
/** The cluster each Killercoda kubeadm image boots: 2nodes is controlplane + node01; 1node is
 * an untainted controlplane that runs workloads itself. */
const KILLERCODA_CLUSTERS: Record<string, Record<string, unknown> | undefined> = {
  'kubernetes-kubeadm-2nodes': { name: 'kubernetes', nodes: [{ name: 'controlplane', role: 'control-plane' }, { name: 'node01' }] },
  'kubernetes-kubeadm-1node': { name: 'kubernetes', nodes: [{ name: 'controlplane', role: 'control-plane', taints: [] }] },
};
/** Killercoda authors write difficulty freely ("easy", "Beginner", "hard"). */
const DIFFICULTY_WORDS: Record<string, string> = { beginner: 'beginner', easy: 'beginner', intermediate: 'intermediate', medium: 'intermediate', advanced: 'advanced', hard: 'advanced', expert: 'advanced' };

function difficultyOf(v: unknown): string | undefined {
  return typeof v === 'string' ? DIFFICULTY_WORDS[v.trim().toLowerCase()] : undefined;
}

/** "15 minutes", "15 min", "1 hour", "15". */
function minutesOf(v: unknown): number | undefined {
  if (typeof v === 'number' && v > 0) return Math.round(v);
  const m = typeof v === 'string' ? /^\s*(\d+)\s*(m|min|mins|minutes?|h|hours?)?\s*$/i.exec(v) : null;
  if (!m) return undefined;
  const n = Number(m[1]) * (/^h/i.test(m[2] ?? '') ? 60 : 1);
  return n > 0 ? n : undefined;
}

/** A step's Markdown often opens with its own title as a heading; the page shows the title already. */
function withoutTitleHeading(text: string, title: string): string {
  const norm = (t: string) => t.toLowerCase().replace(/^step\s*\d+\s*[:.)-]?\s*/, '').replace(/[^a-z0-9]+/g, ' ').trim();
  const m = /^\s*#{1,3}[ \t]+([^\n]*)\n+/.exec(text);
  return m && norm(m[1] ?? '') === norm(title) ? text.slice(m[0].length) : text;
}

export class ImportError extends Error {}

interface DraftStep {
  title: string;
  text: string;
  hints: string[];
  solution: string[];
  verify?: string;
}

export function convertKillercoda(files: Record<string, string>, opts: ImportOptions): ImportResult {
  const warnings: string[] = [];
  const indexText = files['index.json'];
  if (indexText === undefined) throw new ImportError('no index.json: not a Killercoda scenario folder');
  let index: ScenarioIndex;
  try {
    index = JSON.parse(indexText) as ScenarioIndex;
  } catch (e) {
    throw new ImportError(`index.json: ${(e as Error).message}`);
  }
  const file = (ref: unknown, what: string): string | undefined => {
    if (ref === undefined) return undefined;
    if (typeof ref !== 'string') throw new ImportError(`index.json: ${what} must be a file name`);
    const text = files[ref.replace(/^\.\//, '')];
    if (text === undefined) throw new ImportError(`index.json: ${what} names ${ref}, which is not in the scenario folder`);
    return text;
  };
  const title = typeof index.title === 'string' && index.title.trim() ? index.title.trim() : opts.id;
  const details = index.details ?? {};
  const image = index.backend?.imageid;
  if (typeof image === 'string' && !KUBEADM_IMAGES.has(image)) {
    warnings.push(`backend.imageid "${image}": the lab runs on our kubeadm cluster (controlplane, node01, node02) instead`);
  }

  const setup: string[] = [];
  const intro = details.intro ?? {};
  const introText = file(intro.text, 'details.intro.text');
  const introBackground = file(intro.background, 'details.intro.background');
  if (introBackground?.trim()) setup.push(script(introBackground));
  if (intro.foreground !== undefined) warnings.push('details.intro.foreground: foreground scripts are not converted (the terminal starts at a prompt)');
  const instructions = introText?.trim() ? convertStepMarkdown(introText, 'intro') : undefined;
  if (instructions) warnings.push(...instructions.warnings);
  if (details.finish?.text !== undefined) warnings.push('details.finish: the finish page is not converted (the page shows the results instead)');

  const drafts: DraftStep[] = (details.steps ?? []).map((s, i) => {
    const where = `step ${i + 1}`;
    const md = convertStepMarkdown(file(s.text, `details.steps[${i}].text`) ?? '', where);
    warnings.push(...md.warnings);
    const background = file(s.background, `details.steps[${i}].background`);
    if (background?.trim()) {
      setup.push(`# background of step ${i + 1}\n${script(background)}`);
      warnings.push(`${where}: its background script runs with the environment setup, before the learner starts`);
    }
    if (s.foreground !== undefined) warnings.push(`${where}: foreground scripts are not converted`);
    const stepTitle = typeof s.title === 'string' && s.title.trim() ? s.title.trim() : `Step ${i + 1}`;
    // Our steps need text; a scenario step may have none beyond its title.
    const body = withoutTitleHeading(md.text, stepTitle);
    const draft: DraftStep = { title: stepTitle, text: body.trim() ? body : `${stepTitle}\n`, hints: md.hints, solution: md.solution };
    const verify = file(s.verify, `details.steps[${i}].verify`);
    if (verify?.trim()) {
      draft.verify = script(verify);
      const missing = unknownCommands(draft.verify, opts.knownCommand);
      if (missing.length) warnings.push(`${where}: verify.sh calls ${missing.join(', ')}, which the simulated shell does not have: the check will fail until it is rewritten`);
    }
    return draft;
  });
  if (drafts.length === 0) throw new ImportError('index.json: details.steps is empty: nothing to convert');
  const steps = mergeUnverified(drafts, warnings);

  const lab: Record<string, unknown> = { id: opts.id, title };
  if (typeof index.description === 'string' && index.description.trim()) lab.summary = index.description.trim();
  if (opts.domain) lab.domain = opts.domain;
  const difficulty = difficultyOf(index.difficulty);
  if (difficulty) lab.difficulty = difficulty;
  else if (index.difficulty !== undefined) warnings.push(`difficulty "${String(index.difficulty)}": not one of beginner, intermediate, advanced; left out`);
  const minutes = minutesOf(index.time);
  if (minutes) lab.minutes = minutes;
  else if (index.time !== undefined) warnings.push(`time "${String(index.time)}": not a number of minutes; left out`);
  lab.instructions = instructions?.text ?? `# ${title}\n`;
  const env: Record<string, unknown> = {};
  const cluster = typeof image === 'string' ? KILLERCODA_CLUSTERS[image] : undefined;
  if (cluster) env.clusters = [cluster];
  const assetFiles = assets(details.assets, files, warnings);
  if (assetFiles.length) env.files = assetFiles;
  if (setup.length) env.setup = setup.join('\n');
  if (Object.keys(env).length) lab.environment = env;
  lab.steps = steps.map((s, i) => {
    const step: Record<string, unknown> = { title: s.title, text: s.text };
    if (s.hints.length) step.hints = s.hints;
    if (s.solution.length) {
      step.solution = s.solution.join('\n') + '\n';
    } else {
      // The scenario has nothing to run here; `lab check` must say so rather than pass.
      warnings.push(`step ${i + 1}: no {{exec}} code to take a solution from: write its solution (lab check fails until then)`);
      step.solution = `echo "step ${i + 1} of the imported scenario has no reference solution yet" >&2\nexit 1\n`;
    }
    step.checks = [{ type: 'run', title: `Step ${i + 1} is done: ${s.title}`, command: s.verify as string }];
    return step;
  });
  const header = [
    '# yaml-language-server: $schema=/lab.schema.json',
    '# Imported from a Killercoda scenario by `cka-lab import-killercoda`: each step\'s verify.sh is',
    '# its `run:` check. Prefer declarative checks where one exists (docs/authoring.md).',
  ].join('\n');
  return { yaml: `${header}\n${stringify(lab, { lineWidth: 0, blockQuote: 'literal' })}`, warnings };
}

/** A step without verify.sh grades nothing: its text and solution go to the next step (or the last one). */
function mergeUnverified(drafts: DraftStep[], warnings: string[]): DraftStep[] {
  if (!drafts.some((d) => d.verify !== undefined)) throw new ImportError('no step has a verify script: nothing to grade');
  const out: DraftStep[] = [];
  let pending: DraftStep[] = [];
  const join = (parts: DraftStep[], into: DraftStep, before: boolean): DraftStep => {
    const text = parts.map((p) => `## ${p.title}\n\n${p.text}`).join('\n');
    return {
      ...into,
      text: before ? `${text}\n## ${into.title}\n\n${into.text}` : `${into.text}\n${text}`,
      hints: before ? [...parts.flatMap((p) => p.hints), ...into.hints] : [...into.hints, ...parts.flatMap((p) => p.hints)],
      solution: before ? [...parts.flatMap((p) => p.solution), ...into.solution] : [...into.solution, ...parts.flatMap((p) => p.solution)],
    };
  };
  for (const d of drafts) {
    if (d.verify === undefined) {
      pending.push(d);
      continue;
    }
    out.push(pending.length ? join(pending, d, true) : d);
    if (pending.length) warnings.push(`steps without verify.sh (${pending.map((p) => `"${p.title}"`).join(', ')}) are merged into "${d.title}"`);
    pending = [];
  }
  if (pending.length) {
    const last = out.pop() as DraftStep;
    out.push(join(pending, last, false));
    warnings.push(`steps without verify.sh (${pending.map((p) => `"${p.title}"`).join(', ')}) are merged into "${last.title}"`);
  }
  return out;
}

/** `assets.host01: [{file: "*.yaml", target: /root, chmod: +x}]` → environment.files. */
function assets(spec: NonNullable<ScenarioIndex['details']>['assets'], files: Record<string, string>, warnings: string[]): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const [hostKey, list] of Object.entries(spec ?? {})) {
    if (!(hostKey in HOSTS)) {
      warnings.push(`assets.${hostKey}: only host01 (controlplane) and host02 (node01) have a counterpart; skipped`);
      continue;
    }
    for (const [i, a] of (Array.isArray(list) ? list : []).entries()) {
      const where = `assets.${hostKey}[${i}]`;
      if (typeof a.file !== 'string' || typeof a.target !== 'string') throw new ImportError(`index.json: ${where} needs "file" and "target"`);
      const re = globRegex(a.file.replace(/^\.\//, ''));
      const matched = Object.keys(files).filter((f) => f.startsWith('assets/') && re.test(f.slice('assets/'.length))).sort();
      if (matched.length === 0) warnings.push(`${where}: "${a.file}" matches no file under assets/`);
      for (const f of matched) {
        const entry: Record<string, unknown> = { path: `${a.target.replace(/\/+$/, '')}/${f.slice('assets/'.length)}`, content: files[f] };
        const host = HOSTS[hostKey];
        if (host) entry.host = host;
        const mode = chmodMode(a.chmod);
        if (mode) entry.mode = mode;
        else if (a.chmod !== undefined) warnings.push(`${where}: chmod "${String(a.chmod)}" is not converted (give an octal mode or +x)`);
        out.push(entry);
      }
    }
  }
  return out;
}

function globRegex(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*\/?/g, '\u0000').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]').replace(/\u0000/g, '.*');
  return new RegExp(`^${body}$`);
}

function chmodMode(chmod: unknown): string | undefined {
  if (chmod === '+x' || chmod === 'a+x' || chmod === 'u+x') return '0755';
  if (typeof chmod === 'string' && /^0?[0-7]{3}$/.test(chmod)) return chmod.padStart(4, '0');
  return undefined;
}

/** A script's text as our setup or check runs it: the shebang line is only a comment. */
function script(text: string): string {
  return text.replace(/^#!.*\n/, '').replace(/^\n+/, '').replace(/\s+$/, '') + '\n';
}

// Words bash itself answers (keywords and builtins); everything else must be a command of our shell.
const BASH_BUILTINS = new Set('cd export set unset shift exit return local declare typeset readonly source . eval exec read test [ [[ printf echo true false : type command wait trap let shopt getopts break continue alias unalias pushd popd dirs umask hash builtin mapfile readarray'.split(' '));

/** Command names a script calls that neither bash nor our shell has. */
export function unknownCommands(text: string, known: ((name: string) => boolean) | undefined): string[] {
  if (!known) return [];
  let ast: unknown;
  try {
    ast = parseBash(text);
  } catch {
    return [];
  }
  const names = new Set<string>();
  const defined = new Set<string>();
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (n === null || typeof n !== 'object') return;
    const node = n as Record<string, unknown>;
    if (node.type === 'FunctionDef' && typeof node.name === 'string') defined.add(node.name);
    if (node.type === 'SimpleCommand') {
      const parts = (node.name as { parts?: { type?: string; value?: string }[] } | null)?.parts;
      if (parts?.length === 1 && parts[0]?.type === 'Literal' && typeof parts[0].value === 'string') names.add(parts[0].value);
    }
    for (const v of Object.values(node)) if (v && typeof v === 'object') walk(v);
  };
  walk(ast);
  return [...names].filter((c) => !c.includes('/') && !BASH_BUILTINS.has(c) && !defined.has(c) && !known(c)).sort();
}
