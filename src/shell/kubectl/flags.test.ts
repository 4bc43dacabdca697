import { describe, expect, it } from 'vitest';
import { FlagError, findVerb, parseFlags } from './flags';

describe('flag parsing', () => {
  const spec = { output: { type: 'string' as const, short: 'o' }, 'all-namespaces': { type: 'bool' as const, short: 'A' }, filename: { type: 'strings' as const, short: 'f' }, env: { type: 'array' as const } };

  it('reads the forms pflag accepts', () => {
    const p = parseFlags(['-nkube-system', '-oyaml', 'pods', '-A', '--filename=a.yaml,b.yaml', '--env', 'A=1,2', '--', 'sh', '-c'], spec);
    expect(p.flags.string('namespace')).toBe('kube-system');
    expect(p.flags.string('output')).toBe('yaml');
    expect(p.flags.bool('all-namespaces')).toBe(true);
    expect(p.flags.list('filename')).toEqual(['a.yaml', 'b.yaml']);
    expect(p.flags.list('env')).toEqual(['A=1,2']);
    expect(p.args).toEqual(['pods', 'sh', '-c']);
    expect(p.argsLenAtDash).toBe(1);
    expect(parseFlags(['-n=dev', '--all-namespaces=false'], spec).flags.string('namespace')).toBe('dev');
  });

  it('rejects unknown flags with pflag wording', () => {
    expect(() => parseFlags(['--foo'], spec)).toThrow(new FlagError('unknown flag: --foo'));
    expect(() => parseFlags(['-Az'], spec)).toThrow(new FlagError("unknown shorthand flag: 'z' in -Az"));
    expect(() => parseFlags(['-o'], spec)).toThrow(new FlagError("flag needs an argument: 'o' in -o"));
  });

  it('finds the subcommand after global flags', () => {
    expect(findVerb(['-n', 'kube-system', '--context=x', 'get', 'pods'])).toBe(3);
    expect(findVerb(['--help'])).toBe(-1);
  });
});
