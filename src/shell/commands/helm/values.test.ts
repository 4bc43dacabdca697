import { describe, expect, it } from 'vitest';
import { applySet, mergeValues } from './values';

describe('helm values', () => {
  it('parses --set like strvals: nesting, lists, types, commas', () => {
    const v = {};
    applySet(v, 'a.b=c,n=3,t=true,l[1]=x');
    applySet(v, 'esc=a\\,b');
    expect(v).toEqual({ a: { b: 'c' }, n: 3, t: true, l: [null, 'x'], esc: 'a,b' });
  });

  it('--set-string keeps values as strings', () => {
    const v = {};
    applySet(v, 'tag=1.27', true);
    applySet(v, 'port=80', true);
    expect(v).toEqual({ tag: '1.27', port: '80' });
  });

  it('merges maps deeply, replaces lists, and null deletes', () => {
    expect(mergeValues({ a: { b: 1, c: 2 }, l: [1, 2], d: 1 }, { a: { c: 3 }, l: [9], d: null })).toEqual({ a: { b: 1, c: 3 }, l: [9] });
  });
});
