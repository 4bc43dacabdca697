// etcdctl (v3 API) and etcdutl: snapshot save/status/restore, member list, endpoint
// health/status, get --prefix --keys-only, version. Talking to etcd needs the endpoint, CA,
// client certificate and key that the real etcd would accept (etcd-tls.ts); otherwise the
// client retries until its deadline, as the real one does.

import { ok, fail, resolvePath, type Tool, type ToolContext, type ToolResult } from '../tool';
import { memberIdOf, reachEtcd, type EtcdTarget } from './etcd-tls';
import { etcdMembers } from '../../engine/kubeadm/join-control-plane';
import { decodeSnapshot, encodeSnapshot, etcdKey, humanBytes, writeDataDir } from './etcd-snapshot';

const CLIENT_VERSION = '3.5.21';
const SERVER_VERSION = '3.6.6';
const GLOBAL_VALUE = new Set(['endpoints', 'cacert', 'cert', 'key', 'write-out', 'w', 'dial-timeout', 'command-timeout', 'data-dir', 'name', 'initial-cluster', 'initial-cluster-token', 'initial-advertise-peer-urls', 'user', 'password', 'skip-hash-check']);

interface Parsed {
  flags: Record<string, string>;
  bools: Set<string>;
  positional: string[];
}

function parse(args: string[]): Parsed {
  const flags: Record<string, string> = {};
  const bools = new Set<string>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    const m = /^--?([\w-]+)(?:=(.*))?$/.exec(a);
    if (!m) {
      positional.push(a);
      continue;
    }
    const name = m[1] as string;
    if (m[2] !== undefined) flags[name] = m[2];
    else if (GLOBAL_VALUE.has(name) && args[i + 1] !== undefined) flags[name] = args[++i] as string;
    else bools.add(name);
  }
  return { flags, bools, positional };
}

/** olekukonko/tablewriter as etcdctl configures it: centred headers, right-aligned cells. */
export function asciiTable(header: string[], rows: string[][]): string {
  const w = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const sep = '+' + w.map((n) => '-'.repeat(n + 2)).join('+') + '+';
  const centre = (s: string, n: number) => {
    const left = Math.floor((n - s.length) / 2);
    return ' '.repeat(left) + s + ' '.repeat(n - s.length - left);
  };
  const lines = [sep, '|' + header.map((h, i) => ` ${centre(h, w[i] as number)} `).join('|') + '|', sep];
  for (const r of rows) lines.push('|' + r.map((c, i) => ` ${c.padStart(w[i] as number)} `).join('|') + '|');
  lines.push(sep);
  return lines.join('\n') + '\n';
}

function logJson(ctx: ToolContext, caller: string, msg: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ level: 'info', ts: ctx.world.clock.iso().replace('Z', '.000000Z'), caller, msg, ...extra }) + '\n';
}

async function deadline(ctx: ToolContext, method: string, endpoint: string): Promise<ToolResult> {
  await ctx.wait(5000);
  const warn = { level: 'warn', ts: ctx.world.clock.iso().replace('Z', '.000000Z'), logger: 'etcd-client', caller: `v3@v${CLIENT_VERSION}/retry_interceptor.go:63`, msg: 'retrying of unary invoker failed', target: `etcd-endpoints://0xc0003a2000/${endpoint}`, method, attempt: 0, error: 'rpc error: code = DeadlineExceeded desc = latest balancer error: last connection error: connection error: desc = "transport: authentication handshake failed: context deadline exceeded"' };
  return fail(`${JSON.stringify(warn)}\nError: context deadline exceeded`);
}

async function connect(ctx: ToolContext, p: Parsed, method: string): Promise<EtcdTarget | ToolResult> {
  const env = (k: string) => ctx.env.get(`ETCDCTL_${k.toUpperCase()}`);
  const endpoints = p.flags.endpoints ?? env('endpoints') ?? '127.0.0.1:2379';
  const pick = (k: string) => {
    const v = p.flags[k] ?? env(k);
    return v === undefined ? undefined : resolvePath(ctx.cwd, v);
  };
  const r = reachEtcd(ctx, { endpoints, cacert: pick('cacert'), cert: pick('cert'), key: pick('key') });
  if (r.ok) return r.target;
  if (r.fileError) return fail(`Error: ${r.fileError}`);
  return deadline(ctx, method, endpoints.split(',')[0] as string);
}

function snapshotStatus(ctx: ToolContext, p: Parsed, file: string | undefined, deprecated: boolean): ToolResult {
  const warn = deprecated ? 'Deprecated: Use `etcdutl snapshot status` instead.\n\n' : '';
  if (!file) return fail(`${warn}Error: snapshot status requires exactly one argument`);
  const path = resolvePath(ctx.cwd, file);
  const text = ctx.host.fs.tryRead(path);
  if (text === undefined) return fail(`${warn}Error: stat ${file}: no such file or directory`);
  const info = decodeSnapshot(text);
  if (typeof info === 'string') return fail(`${warn}Error: ${info}`);
  const cells = [info.hash, String(info.revision), String(info.totalKeys), humanBytes(info.size), '3.6.0'];
  const out = p.flags.w ?? p.flags['write-out'] ?? 'simple';
  if (out === 'table') return { stdout: asciiTable(['HASH', 'REVISION', 'TOTAL KEYS', 'TOTAL SIZE', 'VERSION'], [cells]), stderr: warn, exitCode: 0 };
  if (out === 'json') return { stdout: JSON.stringify({ hash: parseInt(info.hash, 16), revision: info.revision, totalKey: info.totalKeys, totalSize: info.size, version: '3.6.0' }) + '\n', stderr: warn, exitCode: 0 };
  return { stdout: cells.join(', ') + '\n', stderr: warn, exitCode: 0 };
}

function snapshotRestore(ctx: ToolContext, p: Parsed, file: string | undefined, deprecated: boolean): ToolResult {
  const warn = deprecated ? 'Deprecated: Use `etcdutl snapshot restore` instead.\n\n' : '';
  if (!file) return fail(`${warn}Error: snapshot restore requires exactly one argument`);
  const path = resolvePath(ctx.cwd, file);
  const text = ctx.host.fs.tryRead(path);
  if (text === undefined) return fail(`${warn}Error: stat ${file}: no such file or directory`);
  const info = decodeSnapshot(text);
  if (typeof info === 'string') return fail(`${warn}Error: ${info}`);
  const name = p.flags.name ?? 'default';
  const dataDir = resolvePath(ctx.cwd, p.flags['data-dir'] ?? `${name}.etcd`);
  if (ctx.host.fs.exists(dataDir)) return fail(`${warn}Error: data-dir "${dataDir}" exists`);
  writeDataDir(ctx.host.fs, dataDir, text);
  const ts = ctx.world.clock.iso().replace('Z', '.000Z');
  const dirs = `"wal-dir": "${dataDir}/member/wal", "data-dir": "${dataDir}", "snap-dir": "${dataDir}/member/snap"`;
  const peer = p.flags['initial-advertise-peer-urls'] ?? 'http://localhost:2380';
  const log = [
    `${ts}\tinfo\tsnapshot/v3_snapshot.go:265\trestoring snapshot\t{"path": "${file}", ${dirs}, "initial-memory-map-size": 10737418240}`,
    `${ts}\tinfo\tmembership/store.go:141\tTrimming membership information from the backend...`,
    `${ts}\tinfo\tmembership/cluster.go:421\tadded member\t{"cluster-id": "cdf818194e3a8c32", "local-member-id": "0", "added-peer-id": "8e9e05c52164694d", "added-peer-peer-urls": ["${peer}"]}`,
    `${ts}\tinfo\tsnapshot/v3_snapshot.go:293\trestored snapshot\t{"path": "${file}", ${dirs}}`,
  ];
  return { stdout: '', stderr: warn + log.join('\n') + '\n', exitCode: 0 };
}

export const etcdctl: Tool = async (args, ctx) => {
  const p = parse(args);
  const [cmd, sub, arg] = p.positional;
  const out = p.flags.w ?? p.flags['write-out'] ?? 'simple';
  if (cmd === 'version' || p.bools.has('version')) return ok(`etcdctl version: ${CLIENT_VERSION}\nAPI version: 3.5\n`);
  if (cmd === 'snapshot' && sub === 'status') return snapshotStatus(ctx, p, arg, true);
  if (cmd === 'snapshot' && sub === 'restore') return snapshotRestore(ctx, p, arg, true);
  if (cmd === 'snapshot' && sub === 'save') {
    if (!arg) return fail('Error: snapshot save expects one argument');
    const t = await connect(ctx, p, '/etcdserverpb.Maintenance/Snapshot');
    if ('exitCode' in t) return t;
    const path = resolvePath(ctx.cwd, arg);
    const parent = path.slice(0, path.lastIndexOf('/')) || '/';
    if (!ctx.host.fs.isDir(parent)) return fail(`Error: could not open ${path}.part (open ${path}.part: no such file or directory)`);
    const text = encodeSnapshot(t.cluster.api.toJSON());
    ctx.host.fs.writeFile(path, text, 0o600);
    const log = logJson(ctx, 'snapshot/v3_snapshot.go:65', 'created temporary db file', { path: `${path}.part` }) + logJson(ctx, 'snapshot/v3_snapshot.go:73', 'fetching snapshot', { endpoint: t.endpoint }) + logJson(ctx, 'snapshot/v3_snapshot.go:103', 'fetched snapshot', { endpoint: t.endpoint, size: humanBytes(text.length), took: 'now' }) + logJson(ctx, 'snapshot/v3_snapshot.go:112', 'saved', { path });
    return { stdout: `Snapshot saved at ${arg}\n`, stderr: log, exitCode: 0 };
  }
  if (cmd === 'member' && sub === 'list') {
    const t = await connect(ctx, p, '/etcdserverpb.Cluster/MemberList');
    if ('exitCode' in t) return t;
    // Every stacked member (kubeadm join --control-plane adds one), sorted by ID as etcd lists them.
    const members = etcdMembers(ctx.world, t.cluster);
    const rows = (members.some((h) => h.name === t.host.name) ? members : [t.host])
      .map((h) => [h === t.host ? t.memberId : (memberIdOf(h) ?? '0'), 'started', h.name, `https://${h.state.ip}:2380`, `https://${h.state.ip}:2379`, 'false'])
      .sort((a, b) => (BigInt(`0x${a[0]}`) < BigInt(`0x${b[0]}`) ? -1 : 1));
    if (out === 'table') return ok(asciiTable(['ID', 'STATUS', 'NAME', 'PEER ADDRS', 'CLIENT ADDRS', 'IS LEARNER'], rows));
    return ok(rows.map((r) => r.join(', ') + '\n').join(''));
  }
  if (cmd === 'endpoint' && (sub === 'health' || sub === 'status')) {
    const t = await connect(ctx, p, sub === 'health' ? '/etcdserverpb.KV/Range' : '/etcdserverpb.Maintenance/Status');
    if ('exitCode' in t) {
      if (sub === 'health' && t.exitCode !== 0 && t.stderr.includes('deadline')) return fail(`${t.stderr.split('\n')[0]}\n${(p.flags.endpoints ?? '127.0.0.1:2379').split(',')[0]} is unhealthy: failed to commit proposal: context deadline exceeded\nError: unhealthy cluster`);
      return t;
    }
    if (sub === 'health') {
      const row = [t.endpoint, 'true', '9.634715ms', ''];
      if (out === 'table') return ok(asciiTable(['ENDPOINT', 'HEALTH', 'TOOK', 'ERROR'], [row]));
      return ok(`${t.endpoint} is healthy: successfully committed proposal: took = 9.634715ms\n`);
    }
    const rev = t.cluster.api.resourceVersion;
    const size = humanBytes(JSON.stringify(t.cluster.api.toJSON()).length);
    const row = [t.endpoint, t.memberId, SERVER_VERSION, size, 'true', 'false', '2', String(rev), String(rev), ''];
    if (out === 'table') return ok(asciiTable(['ENDPOINT', 'ID', 'VERSION', 'DB SIZE', 'IS LEADER', 'IS LEARNER', 'RAFT TERM', 'RAFT INDEX', 'RAFT APPLIED INDEX', 'ERRORS'], [row]));
    return ok(row.slice(0, 9).join(', ') + ', \n');
  }
  if (cmd === 'get') {
    if (!sub) return fail('Error: get command needs one argument as key and an optional argument as range_end');
    const t = await connect(ctx, p, '/etcdserverpb.KV/Range');
    if ('exitCode' in t) return t;
    const store = t.cluster.api.toJSON();
    const entries = Object.entries(store.objects).map(([k, v]) => [etcdKey(k), v] as const).sort((a, b) => (a[0] < b[0] ? -1 : 1));
    const hits = entries.filter(([k]) => (p.bools.has('prefix') ? k.startsWith(sub) : k === sub));
    if (p.bools.has('count-only')) return ok(`${hits.length}\n`);
    if (p.bools.has('keys-only')) return ok(hits.map(([k]) => `${k}\n\n`).join(''));
    return ok(hits.map(([k, v]) => `${k}\n${JSON.stringify(v)}\n`).join(''));
  }
  if (!cmd) return ok('NAME:\n\tetcdctl - A simple command line client for etcd3.\n\nUSAGE:\n\tetcdctl [flags]\n');
  return fail(`Error: unknown command "${[cmd, sub].filter(Boolean).join(' ')}" for "etcdctl"\nRun 'etcdctl --help' for usage.`);
};

export const etcdutl: Tool = async (args, ctx) => {
  const p = parse(args);
  const [cmd, sub, arg] = p.positional;
  if (cmd === 'version' || p.bools.has('version')) return ok(`etcdutl version: ${SERVER_VERSION}\nAPI version: 3.6\n`);
  if (cmd === 'snapshot' && sub === 'status') return snapshotStatus(ctx, p, arg, false);
  if (cmd === 'snapshot' && sub === 'restore') return snapshotRestore(ctx, p, arg, false);
  return fail(`Error: unknown command "${[cmd, sub].filter(Boolean).join(' ')}" for "etcdutl"\nRun 'etcdutl --help' for usage.`);
};
