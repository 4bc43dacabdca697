import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { CHECK_FIELDS, TABLES } from './fields';
import { parseLab } from './parse';
import { proveLabSeeds } from './prove';

const DOC = readFileSync(join(__dirname, '../../docs/authoring.md'), 'utf8');

test('docs/authoring.md documents every check type and every field of it', () => {
  for (const [type, fields] of Object.entries(CHECK_FIELDS)) {
    expect(DOC, type).toMatch(new RegExp(`^### .*\`${type}\``, 'm'));
    for (const field of Object.keys(fields)) expect(DOC, `${type}.${field}`).toContain(`\`${field}`);
  }
  for (const table of ['lab', 'step', 'task', 'environment'] as const) {
    for (const field of Object.keys(TABLES[table])) expect(DOC, `${table}.${field}`).toContain(`| \`${field}\``);
  }
});

test('the worked example in docs/authoring.md proves itself', async () => {
  const start = DOC.indexOf('```yaml\n', DOC.indexOf('## A complete worked example')) + 8;
  const yaml = DOC.slice(start, DOC.indexOf('```\n', start));
  const lab = parseLab('docs/fix-the-shop', { 'lab.yaml': yaml });
  expect(lab.steps).toHaveLength(2);
  expect(await proveLabSeeds(lab, [1, 2])).toEqual({ ok: true, problems: [] });
}, 30_000);
