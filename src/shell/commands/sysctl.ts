// sysctl: kernel parameters as files under /proc/sys (net.ipv4.ip_forward is
// /proc/sys/net/ipv4/ip_forward). `-w k=v` sets one, `-p [file]` and `--system` apply
// configuration files (/etc/sysctl.d/*.conf, then /etc/sysctl.conf). Parameters a host has no
// file for read their usual value on a Kubernetes node.

import type { HostFs } from '../../engine/fs';
import { resolvePath, type Tool, type ToolResult } from '../tool';

const DEFAULTS: Record<string, string> = {
  'net.ipv4.ip_forward': '1',
  'net.bridge.bridge-nf-call-iptables': '1',
  'net.bridge.bridge-nf-call-ip6tables': '1',
  'net.ipv6.conf.all.forwarding': '0',
  'vm.swappiness': '60',
  'kernel.hostname': '',
};

const pathOf = (key: string) => `/proc/sys/${key.replace(/\./g, '/')}`;

function read(fs: HostFs, key: string): string | undefined {
  const text = fs.tryRead(pathOf(key));
  if (text !== undefined) return text.trim();
  return DEFAULTS[key];
}

function write(fs: HostFs, key: string, value: string): string | undefined {
  if (read(fs, key) === undefined) return `sysctl: cannot stat ${pathOf(key)}: No such file or directory`;
  const p = pathOf(key);
  fs.mkdirp(p.slice(0, p.lastIndexOf('/')));
  fs.writeFile(p, `${value}\n`, 0o644);
  return undefined;
}

/** Applies one configuration file's `key = value` lines. */
function applyFile(fs: HostFs, path: string, quiet: boolean): { out: string; err: string } {
  let out = '';
  let err = '';
  for (const raw of (fs.tryRead(path) ?? '').split('\n')) {
    const line = raw.replace(/[#;].*$/, '').trim();
    const eq = line.indexOf('=');
    if (!line || eq < 0) continue;
    const key = line.slice(0, eq).trim().replace(/\//g, '.');
    const value = line.slice(eq + 1).trim();
    const e = write(fs, key.replace(/^-/, ''), value);
    if (e) err += `${e}\n`;
    else if (!quiet) out += `${key} = ${value}\n`;
  }
  return { out, err };
}

export const sysctl: Tool = async (args, ctx) => {
  const fs = ctx.host.fs;
  const quiet = args.includes('-q') || args.includes('--quiet');
  const valuesOnly = args.includes('-n') || args.includes('--values');
  const rest = args.filter((a) => a !== '-q' && a !== '--quiet' && a !== '-n' && a !== '--values');
  if (rest[0] === '--system') {
    let out = '';
    let err = '';
    const dir = '/etc/sysctl.d';
    const files = fs.isDir(dir) ? fs.readdir(dir).filter((f) => f.endsWith('.conf')).sort().map((f) => `${dir}/${f}`) : [];
    if (fs.isFile('/etc/sysctl.conf')) files.push('/etc/sysctl.conf');
    for (const f of files) {
      out += `* Applying ${f} ...\n`;
      const r = applyFile(fs, f, quiet);
      out += r.out;
      err += r.err;
    }
    return { stdout: out, stderr: err, exitCode: 0 };
  }
  if (rest[0] === '-p' || rest[0] === '--load') {
    const file = resolvePath(ctx.cwd, rest[1] ?? '/etc/sysctl.conf');
    if (!fs.isFile(file)) return { stdout: '', stderr: `sysctl: cannot open "${file}": No such file or directory\n`, exitCode: 255 };
    const r = applyFile(fs, file, quiet);
    return { stdout: r.out, stderr: r.err, exitCode: r.err ? 255 : 0 };
  }
  const write_ = rest[0] === '-w';
  const keys = write_ ? rest.slice(1) : rest;
  if (keys.length === 0) return { stdout: '', stderr: 'sysctl: no variables specified\nTry `sysctl --help\' for more information.\n', exitCode: 255 };
  let out = '';
  let err = '';
  for (const k of keys) {
    const eq = k.indexOf('=');
    if (eq >= 0) {
      const key = k.slice(0, eq).trim();
      const value = k.slice(eq + 1).trim();
      const e = write(fs, key, value);
      if (e) err += `${e}\n`;
      else if (!quiet) out += `${key} = ${value}\n`;
      continue;
    }
    if (write_) {
      err += `sysctl: "${k}" must be of the form name=value\n`;
      continue;
    }
    const v = read(fs, k);
    if (v === undefined) err += `sysctl: cannot stat ${pathOf(k)}: No such file or directory\n`;
    else out += valuesOnly ? `${v}\n` : `${k} = ${v}\n`;
  }
  const res: ToolResult = { stdout: out, stderr: err, exitCode: err ? 255 : 0 };
  return res;
};
