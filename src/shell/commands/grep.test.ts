import { describe, expect, it } from 'vitest';
import { gnuBasicToPortable } from './grep';

describe('gnuBasicToPortable', () => {
  it('rewrites \\+ and \\? to the intervals GNU grep reads them as', () => {
    expect(gnuBasicToPortable('ab\\+c')).toBe('ab\\{1,\\}c');
    expect(gnuBasicToPortable('colou\\?r')).toBe('colou\\{0,1\\}r');
    expect(gnuBasicToPortable('\\(ab\\)\\+')).toBe('\\(ab\\)\\{1,\\}');
  });

  it('leaves other escapes, plain + and ?, and bracket expressions alone', () => {
    expect(gnuBasicToPortable('a+b?c\\.d\\|e\\{2\\}')).toBe('a+b?c\\.d\\|e\\{2\\}');
    expect(gnuBasicToPortable('[\\+]x')).toBe('[\\+]x');
    expect(gnuBasicToPortable('[]\\?][[:digit:]\\?]\\?')).toBe('[]\\?][[:digit:]\\?]\\{0,1\\}');
    expect(gnuBasicToPortable('x\\')).toBe('x\\');
  });
});
