// kubeadm version [-o short|json|yaml]: the installed kubeadm binary's build information.

import { gitCommit, parseVersion } from '../../../engine/versions/catalogue';
import { fail, ok, type ToolResult } from '../../tool';

/** The build date and Go version the release was built with (stable per version). */
function buildInfo(v: string): Record<string, string> {
  const p = parseVersion(v);
  return {
    major: String(p?.major ?? ''),
    minor: String(p?.minor ?? ''),
    gitVersion: v,
    gitCommit: gitCommit(v),
    gitTreeState: 'clean',
    buildDate: `2025-12-${String(10 + ((p?.patch ?? 0) % 18)).padStart(2, '0')}T12:38:14Z`,
    goVersion: (p?.minor ?? 35) >= 35 ? 'go1.25.5' : 'go1.24.11',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

export function kubeadmVersion(v: string, output: string | undefined): ToolResult {
  const i = buildInfo(v);
  switch (output) {
    case undefined:
    case '':
      return ok(`kubeadm version: &version.Info{Major:"${i.major}", Minor:"${i.minor}", EmulationMajor:"", EmulationMinor:"", MinCompatibilityMajor:"", MinCompatibilityMinor:"", GitVersion:"${i.gitVersion}", GitCommit:"${i.gitCommit}", GitTreeState:"clean", BuildDate:"${i.buildDate}", GoVersion:"${i.goVersion}", Compiler:"gc", Platform:"linux/amd64"}\n`);
    case 'short':
      return ok(`${v}\n`);
    case 'json':
      return ok(`{\n  "clientVersion": {\n${Object.entries(i).map(([k, val]) => `    "${k}": "${val}"`).join(',\n')}\n  }\n}\n`);
    case 'yaml':
      return ok(`clientVersion:\n${Object.entries(i).map(([k, val]) => `  ${k}: ${/^\d/.test(val) || val === '' ? `"${val}"` : val}`).join('\n')}\n\n`);
    default:
      return fail(`error: invalid output format: ${output}\n`);
  }
}
