// apt-mark hold / unhold / showhold: the hold mark lives in dpkg's status file.

import { installedPackage, readInstalled, setHeld } from '../../../engine/versions/dpkg';
import { fail, ok, type Tool } from '../../tool';

export const aptMark: Tool = async (args, ctx) => {
  const rest = args.filter((a) => !a.startsWith('-'));
  const [verb, ...names] = rest;
  const fs = ctx.host.fs;
  switch (verb) {
    case 'showhold':
    case 'showheld':
      return ok(readInstalled(fs).filter((p) => p.held && (names.length === 0 || names.includes(p.name))).map((p) => `${p.name}\n`).join(''));
    case 'hold':
    case 'unhold': {
      if (names.length === 0) return fail('E: No packages found', 100);
      let out = '';
      for (const n of names) {
        const pkg = installedPackage(fs, n);
        if (!pkg) return { stdout: out, stderr: `E: Can't select installed nor candidate version from package '${n}' as it has neither of them\n`, exitCode: 100 };
        const hold = verb === 'hold';
        if (pkg.held === hold) out += hold ? `${n} was already set on hold.\n` : `${n} was already not on hold.\n`;
        else {
          setHeld(fs, n, hold);
          out += hold ? `${n} set on hold.\n` : `Canceled hold on ${n}.\n`;
        }
      }
      return ok(out);
    }
    case undefined:
      return fail('apt 2.8.3 (amd64)\nUsage: apt-mark [options] {auto|manual} pkg1 [pkg2 ...]\n\nE: No operation specified', 100);
    default:
      return fail(`E: Invalid operation ${verb}`, 100);
  }
};
