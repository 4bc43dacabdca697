// apt-cache madison / policy / show over the lists apt-get update fetched and dpkg's status.

import { installedVersion } from '../../../engine/versions/dpkg';
import { fail, ok, type Tool } from '../../tool';
import { candidate, versionsOf } from './common';

export const aptCache: Tool = async (args, ctx) => {
  const rest = args.filter((a) => !a.startsWith('-'));
  const [verb, ...names] = rest;
  const fs = ctx.host.fs;
  switch (verb) {
    case 'madison': {
      let out = '';
      for (const n of names) {
        // apt-cache prints name and version in fixed-width columns (setw(10), setw(5)).
        for (const p of versionsOf(fs, n)) out += `${n.padStart(10)} | ${p.version.padStart(5)} | ${p.repo}  Packages\n`;
      }
      if (!out && names.length) return fail(`N: Unable to locate package ${names[names.length - 1]}`, 0);
      return ok(out);
    }
    case 'policy': {
      let out = '';
      for (const n of names) {
        const avail = versionsOf(fs, n);
        const inst = installedVersion(fs, n);
        if (!avail.length && !inst) continue;
        out += `${n}:\n  Installed: ${inst ?? '(none)'}\n  Candidate: ${candidate(fs, n)?.version ?? inst ?? '(none)'}\n  Version table:\n`;
        const versions = [...new Set([...avail.map((p) => p.version), ...(inst ? [inst] : [])])];
        for (const v of versions) {
          out += `${v === inst ? ' *** ' : '     '}${v} 500\n`;
          for (const p of avail.filter((x) => x.version === v)) out += `        500 ${p.repo}  Packages\n`;
          if (v === inst) out += '        100 /var/lib/dpkg/status\n';
        }
      }
      return ok(out);
    }
    case 'show': {
      const out: string[] = [];
      for (const n of names) {
        const avail = versionsOf(fs, n);
        if (!avail.length) return fail(`E: No packages found`, 100);
        for (const p of avail) out.push([`Package: ${p.name}`, `Architecture: amd64`, `Version: ${p.version}`, 'Priority: optional', 'Section: admin', 'Maintainer: Kubernetes Authors <dev@kubernetes.io>', `Installed-Size: ${p.installedSize}`, ...(p.depends ? [`Depends: ${p.depends}`] : []), `Filename: amd64/${p.name}_${p.version}_amd64.deb`, `Size: ${p.size}`, 'Homepage: https://kubernetes.io', `Description: ${p.description}`, ''].join('\n') + '\n');
      }
      return ok(out.join(''));
    }
    case undefined:
      return fail('apt 2.8.3 (amd64)\nUsage: apt-cache [options] command\n\nE: No operation specified', 100);
    default:
      return fail(`E: Invalid operation ${verb}`, 100);
  }
};
