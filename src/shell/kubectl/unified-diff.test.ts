import { describe, expect, it } from 'vitest';
import { unifiedDiff } from './unified-diff';

const A = { path: 'a', mtime: 'T1' };
const B = { path: 'b', mtime: 'T2' };
const numbered = (n: number, change: Record<number, string> = {}) => Array.from({ length: n }, (_, i) => change[i + 1] ?? `line ${i + 1}`).join('\n') + '\n';

describe('unifiedDiff (GNU diff -u)', () => {
  it('is empty for equal texts', () => {
    expect(unifiedDiff(A, 'x\n', B, 'x\n')).toBe('');
  });

  it('shows three lines of context and deletions before insertions', () => {
    expect(unifiedDiff(A, numbered(10), B, numbered(10, { 5: 'five' }))).toBe(
      '--- a\tT1\n+++ b\tT2\n@@ -2,7 +2,7 @@\n line 2\n line 3\n line 4\n-line 5\n+five\n line 6\n line 7\n line 8\n',
    );
  });

  it('joins changes whose context touches, splits those further apart', () => {
    const joined = unifiedDiff(A, numbered(20), B, numbered(20, { 3: 'x', 10: 'y' }));
    expect(joined.match(/^@@.*$/gm)).toEqual(['@@ -1,13 +1,13 @@']);
    const split = unifiedDiff(A, numbered(20), B, numbered(20, { 3: 'x', 11: 'y' }));
    expect(split.match(/^@@.*$/gm)).toEqual(['@@ -1,6 +1,6 @@', '@@ -8,7 +8,7 @@']);
  });

  it('diffs against an absent file (-N) as against an empty one', () => {
    expect(unifiedDiff(A, '', B, 'a\nb\n')).toBe('--- a\tT1\n+++ b\tT2\n@@ -0,0 +1,2 @@\n+a\n+b\n');
    expect(unifiedDiff(A, 'a\n', B, '')).toBe('--- a\tT1\n+++ b\tT2\n@@ -1 +0,0 @@\n-a\n');
  });
});
