import { describe, expect, it } from 'vitest';
import { printJsonPath } from './jsonpath';

const list = {
  items: [
    { metadata: { name: 'a', labels: { app: 'x' } }, status: { conditions: [{ type: 'Ready', status: 'True' }] } },
    { metadata: { name: 'b' }, status: { conditions: [{ type: 'Ready', status: 'False' }] } },
  ],
};

describe('jsonpath', () => {
  it('prints fields, wildcards, ranges, literals and filters', () => {
    expect(printJsonPath('{.items[*].metadata.name}', list)).toBe('a b');
    expect(printJsonPath('{range .items[*]}{.metadata.name}{"\\n"}{end}', list)).toBe('a\nb\n');
    expect(printJsonPath('{.items[0].metadata.labels}', list)).toBe('{"app":"x"}');
    expect(printJsonPath('{.items[-1].metadata.name}', list)).toBe('b');
    expect(printJsonPath('{.items[?(@.status.conditions[0].status=="True")].metadata.name}', list)).toBe('a');
    expect(printJsonPath('{..name}', list)).toBe('a b');
    expect(printJsonPath('name: {.items[0].metadata.missing}', list)).toBe('name: ');
  });
});
