// The JSON Schema of lab.yaml, generated from the parser's field tables (fields.ts), served as
// /lab.schema.json so authors get completion and validation in their own editor.
// `cka-lab lab schema` prints it; a test keeps public/lab.schema.json equal to it.

import { CHECK_FIELDS, CHECK_TYPE_NAMES, TABLES, type FieldSpec, type FieldTable } from './fields';

type Json = Record<string, unknown>;

const PLACEHOLDER = { type: 'string', pattern: '^\\{\\{\\s*[A-Za-z_][\\w-]*\\s*\\}\\}$', description: 'A {{parameter}} drawn per attempt.' };

function fieldSchema(spec: FieldSpec): Json {
  const base: Json = { description: spec.doc };
  const ref = (name: string): Json => (name === 'check' ? { $ref: '#/$defs/check' } : { $ref: `#/$defs/${name}` });
  switch (spec.type) {
    case 'string':
      return spec.enum ? { ...base, enum: [...spec.enum] } : { ...base, type: 'string' };
    case 'number':
    case 'integer':
      return spec.param ? { ...base, anyOf: [{ type: spec.type }, PLACEHOLDER] } : { ...base, type: spec.type };
    case 'boolean':
      return { ...base, type: 'boolean' };
    case 'strings':
      return { ...base, type: 'array', items: spec.enum ? { enum: [...spec.enum] } : { type: 'string' } };
    case 'stringMap':
      return { ...base, type: 'object', additionalProperties: { type: 'string' } };
    case 'list':
      return { ...base, type: 'array', items: spec.of ? ref(spec.of) : { type: 'object' } };
    case 'mapping':
      if (spec.of === 'parameter') return { ...base, type: 'object', additionalProperties: ref('parameter') };
      return spec.of ? { ...base, ...ref(spec.of) } : { ...base, type: 'object' };
    case 'any':
      return base;
  }
}

function objectSchema(table: FieldTable, extra: Json = {}): Json {
  const properties: Json = {};
  for (const [k, spec] of Object.entries(table)) properties[k] = fieldSchema(spec);
  const required = Object.entries(table).filter(([, s]) => s.required).map(([k]) => k);
  return { type: 'object', properties, ...(required.length ? { required } : {}), additionalProperties: false, ...extra };
}

export function labSchema(): Json {
  const defs: Json = {};
  for (const [name, table] of Object.entries(TABLES)) {
    if (name === 'lab' || name === 'check') continue;
    defs[name] = objectSchema(table);
  }
  // A parameter is exactly one of pick, int, name.
  defs.parameter = { ...(defs.parameter as Json), minProperties: 1, maxProperties: 1 };
  defs.check = {
    type: 'object',
    required: ['type', 'title'],
    properties: { type: { enum: CHECK_TYPE_NAMES } },
    allOf: CHECK_TYPE_NAMES.map((t) => ({
      if: { properties: { type: { const: t } } },
      then: objectSchema(CHECK_FIELDS[t]),
    })),
  };
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: '/lab.schema.json',
    title: 'CKA Lab lab.yaml',
    description: 'A lab or exam for CKA Lab. See docs/authoring.md.',
    ...objectSchema(TABLES.lab),
    $defs: defs,
  };
}
