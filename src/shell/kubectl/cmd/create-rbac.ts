// kubectl create role|clusterrole|rolebinding|clusterrolebinding: RBAC objects as kubectl's
// generators build them (one rule per API group; subjects users, then groups, then service accounts).

import type { KubeObject } from '../../../engine/api/types';
import { BUILTIN_RESOURCES } from '../../../engine/api/resources';
import { DRY_RUN_FLAG, OUTPUT_FLAG, dryRunOf, type Command, type Invocation } from '../command';
import type { FlagSpec } from '../flags';
import { CmdError } from '../errors';
import { builtinType } from '../resources';
import { checkObjectFormat, createObject, oneName, printOutcome } from './util';

const VERBS = ['*', 'get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', 'use', 'bind', 'escalate', 'impersonate'];
const RBAC = 'rbac.authorization.k8s.io';
const COMMON: FlagSpec = { ...OUTPUT_FLAG, ...DRY_RUN_FLAG, 'save-config': { type: 'bool' }, 'field-manager': { type: 'string' }, validate: { type: 'string', noOptDefault: 'strict' } };

function rules(inv: Invocation): Record<string, unknown>[] {
  const verbs = inv.flags.list('verb');
  if (!verbs.length) throw new CmdError('error: at least one verb must be specified');
  for (const v of verbs) if (!VERBS.includes(v)) throw new CmdError(`error: invalid verb: '${v}'`);
  const resources = inv.flags.list('resource');
  if (!resources.length) throw new CmdError('error: at least one resource must be specified');
  const api = inv.connect().cluster.api;
  const byGroup = new Map<string, string[]>();
  for (const r of resources) {
    const [base, sub] = r.split('/') as [string, string | undefined];
    let group: string;
    let plural: string;
    if (base === '*') { group = ''; plural = '*'; }
    else {
      const t = api.lookup(base) ?? BUILTIN_RESOURCES.find((x) => x.name === base);
      if (!t) throw new CmdError(`error: the server doesn't have a resource type "${base.split('.')[0]}"`);
      group = base.includes('.') && !api.lookup(base)?.group ? base.slice(base.indexOf('.') + 1) : t.group;
      plural = t.name;
    }
    const list = byGroup.get(group) ?? [];
    list.push(sub ? `${plural}/${sub}` : plural);
    byGroup.set(group, list);
  }
  const names = inv.flags.list('resource-name');
  return [...byGroup.keys()].sort().map((g) => ({ apiGroups: [g], resources: byGroup.get(g), ...(names.length ? { resourceNames: names } : {}), verbs }));
}

function roleCommand(kind: 'Role' | 'ClusterRole'): Command {
  const word = kind.toLowerCase();
  return {
    name: word,
    short: `Create a ${kind === 'Role' ? 'role' : 'cluster role'}`,
    usage: `create ${word} NAME --verb=verb --resource=resource.group/subresource [--resource-name=resourcename] [--dry-run=server|client|none] [options]`,
    flags: { ...COMMON, verb: { type: 'strings' }, resource: { type: 'strings' }, 'resource-name': { type: 'array' }, 'non-resource-url': { type: 'strings' }, 'aggregation-rule': { type: 'string' } },
    async run(inv) {
      const name = oneName(inv);
      checkObjectFormat(inv);
      const obj: KubeObject = { apiVersion: `${RBAC}/v1`, kind, metadata: { name, ...(kind === 'Role' && inv.flags.has('namespace') ? { namespace: inv.flags.string('namespace') } : {}) }, rules: rules(inv) };
      const dryRun = dryRunOf(inv);
      printOutcome(inv, builtinType(kind === 'Role' ? 'roles' : 'clusterroles'), createObject(inv, obj, dryRun), 'created', dryRun);
      return 0;
    },
  };
}

function bindingCommand(kind: 'RoleBinding' | 'ClusterRoleBinding'): Command {
  const word = kind.toLowerCase();
  const flags: FlagSpec = { ...COMMON, clusterrole: { type: 'string' }, user: { type: 'array' }, group: { type: 'array' }, serviceaccount: { type: 'array' } };
  if (kind === 'RoleBinding') flags.role = { type: 'string' };
  return {
    name: word,
    short: `Create a ${kind === 'RoleBinding' ? 'role binding for a particular role or cluster role' : 'cluster role binding for a particular cluster role'}`,
    usage: `create ${word} NAME --clusterrole=NAME|--role=NAME [--user=username] [--group=groupname] [--serviceaccount=namespace:serviceaccountname] [--dry-run=server|client|none] [options]`,
    flags,
    async run(inv) {
      const name = oneName(inv);
      checkObjectFormat(inv);
      const role = kind === 'RoleBinding' ? inv.flags.string('role') : '';
      const clusterRole = inv.flags.string('clusterrole');
      if (kind === 'RoleBinding' && Boolean(role) === Boolean(clusterRole)) throw new CmdError('error: exactly one of clusterrole or role must be specified');
      if (kind === 'ClusterRoleBinding' && !clusterRole) throw new CmdError('error: clusterrole must be specified');
      const subjects: Record<string, string>[] = [];
      for (const u of inv.flags.list('user')) subjects.push({ apiGroup: RBAC, kind: 'User', name: u });
      for (const g of inv.flags.list('group')) subjects.push({ apiGroup: RBAC, kind: 'Group', name: g });
      for (const sa of inv.flags.list('serviceaccount')) {
        const parts = sa.split(':');
        if (parts.length !== 2 || !parts[0] || !parts[1]) throw new CmdError(`error: serviceaccount must be <namespace>:<name>`);
        subjects.push({ kind: 'ServiceAccount', name: parts[1], namespace: parts[0] });
      }
      const obj: KubeObject = {
        apiVersion: `${RBAC}/v1`,
        kind,
        metadata: { name, ...(kind === 'RoleBinding' && inv.flags.has('namespace') ? { namespace: inv.flags.string('namespace') } : {}) },
        roleRef: { apiGroup: RBAC, kind: role ? 'Role' : 'ClusterRole', name: role || clusterRole },
      };
      if (subjects.length) obj.subjects = subjects;
      const dryRun = dryRunOf(inv);
      printOutcome(inv, builtinType(kind === 'RoleBinding' ? 'rolebindings' : 'clusterrolebindings'), createObject(inv, obj, dryRun), 'created', dryRun);
      return 0;
    },
  };
}

export const rbacCreateCommands: Command[] = [roleCommand('ClusterRole'), bindingCommand('ClusterRoleBinding'), roleCommand('Role'), bindingCommand('RoleBinding')];
