// kubectl create ingress: builds the Ingress as kubectl's generator does — one rule per host
// (paths appended in order), pathType Exact unless the path ends in `*` (then Prefix, `*`
// dropped), TLS entries from `,tls[=secret]`, an optional default backend and annotations.

import type { KubeObject } from '../../../engine/api/types';
import type { Command } from '../command';
import { CmdError } from '../errors';
import { COMMON, finish, ns } from './create-common';
import { oneName } from './util';

// kubectl's ruleRegex: host, a path starting with '/', service:port, optional ",tls[=secret]".
const RULE = /^([\w*\-.]*)(\/[^,=\n]*)=([\w-]+):([\w-]+)(,(tls)=?([\w-]+)?)?$/;

type Json = Record<string, unknown>;

function backend(service: string): Json {
  const [name, port] = service.split(':') as [string, string];
  // intstr.Parse: a decimal integer is a port number, anything else a port name.
  const portRef = /^-?\d+$/.test(port) ? { number: Number(port) } : { name: port };
  return { service: { name, port: portRef } };
}

function httpPath(pathSvc: string): Json {
  const [p, svc] = pathSvc.split('=') as [string, string];
  let path = '/' + p;
  let pathType = 'Exact';
  if (path.endsWith('*')) {
    pathType = 'Prefix';
    path = path.slice(0, -1);
  }
  return { backend: backend(svc), path, pathType };
}

function tlsEntries(rules: string[]): Json[] {
  const seen = new Set<string>();
  const out: { hosts?: string[]; secretName?: string }[] = [];
  for (const rule of rules) {
    const parts = rule.split(',');
    if (parts.length !== 2) continue;
    const host = rule.split('/')[0] as string;
    const kv = (parts[1] as string).split('=');
    const secret = kv.length > 1 ? (kv[1] as string) : '';
    if (seen.has(host)) continue;
    seen.add(host);
    const same = out.find((t) => (t.secretName ?? '') === secret);
    if (same) {
      (same.hosts ??= []).push(host);
      continue;
    }
    const entry: { hosts?: string[]; secretName?: string } = {};
    if (host) entry.hosts = [host];
    if (secret) entry.secretName = secret;
    if (entry.hosts || entry.secretName) out.push(entry);
  }
  return out;
}

function ingressRules(rules: string[]): Json[] {
  const out: { host?: string; http: { paths: Json[] } }[] = [];
  for (const rule of rules) {
    const noTls = rule.split(',')[0] as string;
    const slash = noTls.indexOf('/');
    const host = noTls.slice(0, slash);
    const path = httpPath(noTls.slice(slash + 1));
    const existing = out.find((r) => (r.host ?? '') === host);
    if (existing) {
      existing.http.paths.push(path);
      continue;
    }
    out.push({ ...(host ? { host } : {}), http: { paths: [path] } });
  }
  return out;
}

export const createIngressCommand: Command = {
  name: 'ingress',
  aliases: ['ing'],
  short: 'Create an ingress with the specified name',
  usage: 'create ingress NAME --rule=host/path=service:port[,tls[=secret]]  [options]',
  flags: { ...COMMON, class: { type: 'string' }, rule: { type: 'array' }, 'default-backend': { type: 'string' }, annotation: { type: 'array' } },
  async run(inv) {
    const name = oneName(inv);
    const rules = inv.flags.list('rule');
    const annotations = inv.flags.list('annotation');
    const defaultBackend = inv.flags.string('default-backend');
    if (!defaultBackend && !rules.length) {
      throw new CmdError('error: not enough information provided: every ingress has to either specify a default-backend (which catches all traffic) or a list of rules (which catch specific paths)');
    }
    for (const r of rules) {
      if (!RULE.test(r)) throw new CmdError(`error: rule ${r} is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]`);
    }
    const annos: Record<string, string> = {};
    for (const a of annotations) {
      const i = a.indexOf('=');
      if (i < 0) throw new CmdError(`error: annotation ${a} is invalid and should be in format key=[value]`);
      annos[a.slice(0, i)] = a.slice(i + 1);
    }
    if (defaultBackend && defaultBackend.split(':').length !== 2) throw new CmdError('error: default-backend should be in format servicename:serviceport');
    const spec: Json = {};
    if (defaultBackend) spec.defaultBackend = backend(defaultBackend);
    const cls = inv.flags.string('class');
    if (cls) spec.ingressClassName = cls;
    const built = ingressRules(rules);
    if (built.length) spec.rules = built;
    const tls = tlsEntries(rules);
    if (tls.length) spec.tls = tls;
    const metadata: KubeObject['metadata'] = { name, ...ns(inv) };
    if (Object.keys(annos).length) metadata.annotations = annos;
    const obj: KubeObject = { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata, spec, status: { loadBalancer: {} } };
    return finish(inv, 'ingresses', obj, 'failed to create ingress: ');
  },
};
