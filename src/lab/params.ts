// Parameters: values drawn per attempt from a seeded random source and written into the lab
// as `{{name}}` before it is parsed, so text, setup, solution and checks all see the same value
// and an attempt replays exactly from its seed.

import type { Node } from 'yaml';
import { Random } from '../engine/random';
import { keysOf, TABLES } from './fields';
import type { ParameterSpec } from './types';
import type { YamlReader } from './yaml-reader';

const NAME_RE = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const PLACEHOLDER = /\{\{\s*([A-Za-z_][\w-]*)\s*\}\}/g;
// `{{end}}` and friends are Go template actions (kubectl -o go-template), not parameters.
const GO_TEMPLATE_WORDS = new Set(['end', 'else', 'range', 'if', 'with', 'define', 'template', 'block', 'break', 'continue', 'nil']);

export function parseParameters(r: YamlReader, node: Node | undefined): Record<string, ParameterSpec> {
  const m = r.map(node, 'parameters');
  const out: Record<string, ParameterSpec> = {};
  for (const pair of m.items) {
    const name = String((pair.key as { value?: unknown }).value);
    const what = `parameters.${name}`;
    if (!NAME_RE.test(name)) r.fail(pair.key as Node, `parameter name "${name}" must be letters, digits and _ (it is used as {{${name}}})`);
    const f = r.fields(pair.value as Node, what, keysOf(TABLES.parameter));
    const kinds = f.keys();
    if (kinds.length !== 1) r.fail(f.node, `${what} needs exactly one of pick, int, name`);
    if (f.has('pick')) {
      const values = r.seq(f.node_('pick'), `${what}.pick`).items.map((item, i) => {
        const v = r.js(item);
        if (typeof v !== 'string' && typeof v !== 'number') r.fail(item, `${what}.pick[${i}] must be a string or number`);
        return v;
      });
      if (values.length === 0) r.fail(f.node_('pick'), `${what}.pick must list at least one value`);
      out[name] = { pick: values };
    } else if (f.has('int')) {
      const rf = r.fields(f.node_('int'), `${what}.int`, keysOf(TABLES.range));
      const min = rf.number('min', { integer: true }) ?? rf.missing('min');
      const max = rf.number('max', { integer: true }) ?? rf.missing('max');
      if (max < min) r.fail(rf.node, `${what}.int: max ${max} is less than min ${min}`);
      out[name] = { int: { min, max } };
    } else {
      const nf = r.fields(f.node_('name'), `${what}.name`, keysOf(TABLES.prefix));
      const prefix = nf.requiredString('prefix');
      if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(prefix)) r.fail(nf.node_('prefix'), `${what}.name.prefix "${prefix}" must be a DNS label (lowercase letters, digits, dashes)`);
      out[name] = { name: { prefix } };
    }
  }
  return out;
}

/** The values of one attempt: drawn in declaration order from the seed. */
export function drawValues(specs: Record<string, ParameterSpec>, seed: number): Record<string, string> {
  const random = new Random(seed);
  const out: Record<string, string> = {};
  for (const [name, spec] of Object.entries(specs)) {
    if ('pick' in spec) out[name] = String(random.pick(spec.pick));
    else if ('int' in spec) out[name] = String(spec.int.min + random.int(spec.int.max - spec.int.min + 1));
    else out[name] = `${spec.name.prefix}-${random.k8sSuffix(5)}`;
  }
  return out;
}

export interface UnknownPlaceholder {
  name: string;
  line: number;
}

/**
 * Writes the values into a text, as text: `count: "{{replicas}}"` becomes `count: "3"`, which
 * the reader of a parameterised lab accepts where a number is due (YamlReader.numericStrings).
 * Unknown names are reported (a typo must not reach the learner).
 */
export function substitute(text: string, values: Record<string, string>): { text: string; unknown: UnknownPlaceholder[] } {
  const unknown: UnknownPlaceholder[] = [];
  const out = text.replace(PLACEHOLDER, (whole: string, name: string, offset: number) => {
    const v = values[name];
    if (v === undefined) {
      if (!GO_TEMPLATE_WORDS.has(name)) unknown.push({ name, line: text.slice(0, offset).split('\n').length });
      return whole;
    }
    return v;
  });
  return { text: out, unknown };
}
