// The network tools on a node's shell (curl, nc, nslookup), over the node's own address and
// resolver: cluster Service names do not resolve there, ClusterIPs and NodePorts do route.

import type { Tool, ToolContext, ToolResult } from '../../tool';
import { fail, resolvePath } from '../../tool';
import { hostProc, lookup, type NetProc, type NetResult } from './context';
import { nc } from './lookup-tools';
import { curl as curlIn } from './curl';

async function finish(r: NetResult, ctx: ToolContext): Promise<ToolResult> {
  if (r.elapsedMs) await ctx.wait(r.elapsedMs);
  for (const w of r.writes ?? []) {
    const path = resolvePath(ctx.cwd, w.path);
    const dir = path.replace(/\/[^/]*$/, '') || '/';
    if (!ctx.host.fs.isDir(dir)) return { stdout: r.stdout, stderr: `${r.stderr}Warning: Failed to open the file ${w.path}: No such file or directory\ncurl: (23) Failure writing output to destination\n`, exitCode: 23 };
    ctx.host.fs.write(path, w.content);
  }
  return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode };
}

function procOf(ctx: ToolContext): NetProc | undefined {
  return hostProc(ctx.world, ctx.host);
}

export const curl: Tool = async (args, ctx) => {
  const p = procOf(ctx);
  if (!p) return fail(`curl: (6) Could not resolve host: ${args.find((a) => !a.startsWith('-')) ?? ''}`, 6);
  return finish(curlIn(p, args), ctx);
};

export const netcat: Tool = async (args, ctx) => {
  const p = procOf(ctx);
  if (!p) return fail('nc: missing hostname and port', 1);
  return finish(nc(p, args), ctx);
};

/** bind9's nslookup against systemd-resolved's stub (127.0.0.53), which reads /etc/hosts. */
export const nslookupOnNode: Tool = async (args, ctx) => {
  const name = args.find((a) => !a.startsWith('-'));
  if (!name) return fail('> ', 1);
  const head = 'Server:\t\t127.0.0.53\nAddress:\t127.0.0.53#53\n\n';
  const p = procOf(ctx);
  const a = p ? lookup(p, name) : { status: 'nxdomain' as const, name };
  if (a.status !== 'ok') return { stdout: `${head}** server can't find ${name}: NXDOMAIN\n\n`, stderr: '', exitCode: 1 };
  return { stdout: `${head}Name:\t${name}\n${a.addresses.map((ip) => `Address: ${ip}\n`).join('')}\n`, stderr: '', exitCode: 0 };
};
