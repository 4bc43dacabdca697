import { describe, expect, it } from 'vitest';
import { formatTable, humanDuration } from './table';
import { tabwrite } from './tabwriter';

describe('tables', () => {
  it('pads columns to the widest cell plus 3 (at least 6), leaving the last cell unpadded', () => {
    expect(formatTable([['NAME', 'READY', 'AGE'], ['a', '1/1', '5s'], ['longer-name', '0/1', '2m3s']])).toBe(
      'NAME          READY   AGE\na             1/1     5s\nlonger-name   0/1     2m3s\n',
    );
  });

  it('aligns describe-style blocks separately where a line without tabs breaks them', () => {
    expect(tabwrite('Name:\tx\nService Account:\tdefault\nIPs:\n  IP:\t1.2.3.4\n', 0, 2)).toBe(
      'Name:             x\nService Account:  default\nIPs:\n  IP:  1.2.3.4\n',
    );
  });

  it('shows ages as duration.HumanDuration does', () => {
    const s = 1000;
    expect([5 * s, 119 * s, 123 * s, 10 * 60 * s, 3 * 3600 * s, 7 * 3600 * s + 60 * s, 30 * 3600 * s, 51 * 3600 * s, 400 * 86400 * s, 800 * 86400 * s].map(humanDuration)).toEqual([
      '5s', '119s', '2m3s', '10m', '3h', '7h1m', '30h', '2d3h', '400d', '2y70d',
    ]);
  });
});
