// ss -tlnp / netstat -plnt: the TCP sockets the node's processes listen on (processes.ts).

import { fail, ok, type Tool, type ToolContext } from '../tool';
import { nodeProcesses } from './processes';

interface Sock {
  v6: boolean;
  addr: string;
  port: number;
  pid: number;
  comm: string;
}

function sockets(ctx: ToolContext): Sock[] {
  const out: Sock[] = [];
  for (const p of nodeProcesses(ctx.world, ctx.host)) {
    // The kernel's comm is the executable's name cut to 15 characters.
    const comm = (p.command.split(' ')[0] as string).split('/').pop()?.replace(/:$/, '').slice(0, 15) ?? p.name;
    for (const [addr, port] of p.listens) out.push({ v6: addr === '*', addr: addr === '*' ? '*' : addr, port, pid: p.pid, comm });
  }
  return out.sort((a, b) => Number(a.v6) - Number(b.v6) || a.addr.localeCompare(b.addr) || a.port - b.port);
}

function shortFlags(args: string[]): Set<string> {
  const s = new Set<string>();
  for (const a of args) if (/^-[a-zA-Z]+$/.test(a)) for (const c of a.slice(1)) s.add(c);
  return s;
}

export const ss: Tool = async (args, ctx) => {
  const f = shortFlags(args);
  for (const a of args) if (a.startsWith('--') && !['--tcp', '--listening', '--numeric', '--processes'].includes(a)) return fail(`ss: unrecognized option '${a}'`);
  const withProc = f.has('p') || args.includes('--processes');
  const socks = sockets(ctx);
  const local = (s: Sock) => (s.v6 ? `*:${s.port}` : `${s.addr}:${s.port}`);
  const w = Math.max(17, ...socks.map((s) => local(s).length));
  const lines = [`State  Recv-Q Send-Q ${'Local Address:Port'.padStart(w + 1)} ${'Peer Address:Port'.padStart(w)}${withProc ? 'Process' : ''}`];
  for (const s of socks) {
    const [a, p] = [local(s).slice(0, local(s).lastIndexOf(':')), String(s.port)];
    const peer = s.v6 ? '*:*' : '0.0.0.0:*';
    const proc = withProc ? `    users:(("${s.comm}",pid=${s.pid},fd=${3 + (s.port % 7)}))` : '';
    lines.push(`LISTEN 0      4096   ${a.padStart(w - p.length)}:${p} ${peer.padStart(w)}${proc}`);
  }
  return ok(lines.join('\n') + '\n');
};

export const netstat: Tool = async (args, ctx) => {
  const f = shortFlags(args);
  const withProc = f.has('p');
  const lines = ['Active Internet connections (only servers)', `Proto Recv-Q Send-Q Local Address           Foreign Address         State      ${withProc ? ' PID/Program name    ' : ''}`];
  for (const s of sockets(ctx)) {
    const local = s.v6 ? `:::${s.port}` : `${s.addr}:${s.port}`;
    const peer = s.v6 ? ':::*' : '0.0.0.0:*';
    lines.push(`${(s.v6 ? 'tcp6' : 'tcp').padEnd(5)} ${'0'.padStart(6)} ${'0'.padStart(6)} ${local.padEnd(23)} ${peer.padEnd(23)} LISTEN     ${withProc ? ` ${`${s.pid}/${s.comm}`.padEnd(20)}` : ''}`);
  }
  return ok(lines.join('\n') + '\n');
};
