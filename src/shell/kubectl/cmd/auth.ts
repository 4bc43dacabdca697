// kubectl auth can-i VERB (TYPE[/NAME] | NONRESOURCEURL) and kubectl auth whoami: the
// authorizer's answer for the current (or impersonated) user, and who that user is.

import type { Command, Invocation } from '../command';
import { OUTPUT_FLAG } from '../command';
import { CmdError } from '../errors';
import { currentUser, type UserInfo } from '../identity';
import { allowed, rulesFor, type PolicyRule } from '../rbac-eval';
import { formatTable } from '../printers/table';
import { printStructured } from '../printers/output';
import { builtinType } from '../resources';

const KNOWN_VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', 'use', 'bind', 'impersonate', 'escalate', 'approve', 'sign', '*'];

function userOrFail(inv: Invocation): UserInfo {
  const u = currentUser(inv);
  if (!u) throw new CmdError('error: the server could not identify the user of this kubeconfig (no client certificate subject)');
  return u;
}

function listRules(inv: Invocation, rules: PolicyRule[]): number {
  const rows = [['Resources', 'Non-Resource URLs', 'Resource Names', 'Verbs']];
  // Resource rules come first, then the non-resource URLs, as kubectl prints them.
  const ordered = [...rules.filter((r) => !r.nonResourceURLs), ...rules.filter((r) => r.nonResourceURLs)];
  const seen = new Set<string>();
  for (const r of ordered) {
    const res = r.nonResourceURLs ? [''] : (r.resources ?? []).flatMap((x) => (r.apiGroups ?? ['']).map((g) => (g ? `${x}.${g}` : x)));
    for (const x of res) {
      const row = [x, `[${(r.nonResourceURLs ?? []).join(' ')}]`, `[${(r.resourceNames ?? []).join(' ')}]`, `[${r.verbs.join(' ')}]`];
      if (!seen.has(row.join('\t'))) { seen.add(row.join('\t')); rows.push(row); }
    }
  }
  inv.out(formatTable(rows));
  return 0;
}

const canI: Command = {
  name: 'can-i',
  short: 'Check whether an action is allowed',
  usage: 'auth can-i VERB [TYPE | TYPE/NAME | NONRESOURCEURL] [options]',
  flags: { 'all-namespaces': { type: 'bool', short: 'A' }, quiet: { type: 'bool', short: 'q' }, list: { type: 'bool' }, 'no-headers': { type: 'bool' }, subresource: { type: 'string' } },
  async run(inv) {
    const conn = inv.connect();
    const api = conn.cluster.api;
    const user = userOrFail(inv);
    const namespace = inv.flags.bool('all-namespaces') ? '' : conn.namespace;
    if (inv.flags.bool('list')) return listRules(inv, rulesFor(api, user, namespace || undefined));
    if (inv.args.length < 2) throw new CmdError(`error: you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples`);
    const [verb, target] = inv.args as [string, string];
    if (!KNOWN_VERBS.includes(verb)) inv.err(`Warning: verb '${verb}' is not a known verb\n`);
    let yes: boolean;
    if (target.startsWith('/')) {
      yes = allowed(api, user, { verb, group: '', resource: '', subresource: '', name: '', namespace: '', path: target });
    } else {
      const slash = target.indexOf('/');
      const word = slash >= 0 ? target.slice(0, slash) : target;
      const name = slash >= 0 ? target.slice(slash + 1) : (inv.args[2] ?? '');
      const t = api.lookup(word);
      let group = '';
      let resource = word;
      if (!t) {
        if (word !== '*') inv.err(`Warning: the server doesn't have a resource type '${word}'\n\n`);
        const dot = word.indexOf('.');
        if (dot > 0) { resource = word.slice(0, dot); group = word.slice(dot + 1); }
      } else {
        group = t.group;
        resource = t.name;
        if (!t.namespaced && inv.flags.has('namespace')) inv.err(`Warning: resource '${t.name}' is not namespace scoped\n\n`);
      }
      yes = allowed(api, user, { verb, group, resource, subresource: inv.flags.string('subresource'), name, namespace: t && !t.namespaced ? '' : namespace });
    }
    if (!inv.flags.bool('quiet')) inv.out(yes ? 'yes\n' : 'no\n');
    return yes ? 0 : 1;
  },
};

const whoami: Command = {
  name: 'whoami',
  short: 'Experimental: Check self subject attributes',
  usage: 'auth whoami [options]',
  flags: { ...OUTPUT_FLAG },
  async run(inv) {
    const user = userOrFail(inv);
    const output = inv.flags.string('output');
    if (output) {
      const review = { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview', metadata: { creationTimestamp: new Date(inv.now()).toISOString().replace(/\.\d{3}Z$/, 'Z') }, status: { userInfo: { groups: user.groups, username: user.username } } };
      inv.out(printStructured(output, [{ type: { ...builtinType('namespaces'), kind: 'SelfSubjectReview', group: 'authentication.k8s.io', name: 'selfsubjectreviews', namespaced: false }, obj: review }], true));
      return 0;
    }
    inv.out(formatTable([['ATTRIBUTE', 'VALUE'], ['Username', user.username], ['Groups', `[${user.groups.join(' ')}]`]]));
    return 0;
  },
};

export const authCommand: Command = {
  name: 'auth',
  short: 'Inspect authorization',
  usage: 'auth [flags] [options]',
  flags: {},
  subcommands: [canI, whoami],
};
