// kubectl get: list or fetch objects and print them as tables (one per kind), wide, yaml,
// json, name, jsonpath or custom-columns.

import { ApiError } from '../../../engine/api/errors';
import type { ResourceType } from '../../../engine/api/resources';
import type { KubeObject } from '../../../engine/api/types';
import { OUTPUT_FLAG, type Command, type Invocation } from '../command';
import { CmdError, formatError } from '../errors';
import { readManifests } from '../manifest';
import { evaluate, parseTemplate, relaxedTemplate } from '../printers/jsonpath';
import { checkFormat, printStructured, printTables, type Printed } from '../printers/output';
import { listObjects, parseResourceArgs } from '../resources';
import type { ApiServer, ListOptions } from '../../../engine/api/store';
import { checkWatchable, watchObjects } from './get-watch';
import { runRawGet } from './get-raw';
import { resolveKustomizeObjects } from '../kustomize';

export const getCommand: Command = {
  name: 'get',
  short: 'Display one or many resources.',
  usage: 'get [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file|custom-columns|custom-columns-file|wide] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags] [options]',
  flags: {
    ...OUTPUT_FLAG,
    selector: { type: 'string', short: 'l' },
    'field-selector': { type: 'string' },
    'all-namespaces': { type: 'bool', short: 'A' },
    'show-labels': { type: 'bool' },
    'show-kind': { type: 'bool' },
    'no-headers': { type: 'bool' },
    'label-columns': { type: 'strings', short: 'L' },
    watch: { type: 'bool', short: 'w' },
    'watch-only': { type: 'bool' },
    'ignore-not-found': { type: 'bool' },
    'sort-by': { type: 'string' },
    filename: { type: 'strings', short: 'f' },
    kustomize: { type: 'string', short: 'k' },
    recursive: { type: 'bool', short: 'R' },
    'chunk-size': { type: 'int' },
    'show-managed-fields': { type: 'bool' },
    'output-watch-events': { type: 'bool' },
    'server-print': { type: 'bool' },
    subresource: { type: 'string' },
    raw: { type: 'string' },
  },
  run: runGet,
};

async function runGet(inv: Invocation): Promise<number> {
  const { flags } = inv;
  const raw = flags.string('raw');
  if (raw) return runRawGet(inv, raw);
  const output = flags.string('output');
  checkFormat(output);
  const files = flags.list('filename');
  const kdir = flags.string('kustomize');
  if (files.length && kdir) throw new CmdError('error: only one of -f or -k can be specified');
  if (inv.args.length === 0 && files.length === 0 && !kdir) {
    inv.err('You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\n');
    throw new CmdError(`error: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl get -h' for help and examples`);
  }
  const conn = inv.connect();
  const api = conn.cluster.api;
  const all = flags.bool('all-namespaces');
  const namespace = all ? undefined : conn.namespace;
  const listOpts = { labelSelector: flags.string('selector') || undefined, fieldSelector: flags.string('field-selector') || undefined };
  if (flags.bool('watch') || flags.bool('watch-only')) return watch(inv, api, namespace, listOpts);

  const groups: { type: ResourceType; objects: KubeObject[] }[] = [];
  const errors: string[] = [];
  const add = (type: ResourceType, obj: KubeObject) => {
    const last = groups[groups.length - 1];
    if (last && last.type === type) last.objects.push(obj);
    else groups.push({ type, objects: [obj] });
  };
  const fetch = (type: ResourceType, name: string, ns: string | undefined) => {
    try {
      add(type, api.get(type, type.namespaced ? ns ?? conn.namespace : undefined, name));
    } catch (e) {
      if (e instanceof ApiError && e.reason === 'NotFound' && flags.bool('ignore-not-found')) return;
      errors.push(formatError(e));
    }
  };

  let byName = false;
  let multiKind = false;
  if (files.length || kdir) {
    byName = true;
    const manifests = kdir ? await resolveKustomizeObjects(inv, kdir) : readManifests(inv.ctx, files, flags.bool('recursive'), 'get');
    for (const m of manifests) {
      const t = api.typeForKind(m.obj.apiVersion, m.obj.kind) ?? api.typeForKindAnyVersion(m.obj.kind);
      if (!t) throw new CmdError(`error: resource mapping not found for name: "${m.obj.metadata.name ?? ''}" namespace: "${m.obj.metadata.namespace ?? ''}" from "${m.source}": no matches for kind "${m.obj.kind}" in version "${m.obj.apiVersion}"\nensure CRDs are installed first`);
      fetch(t, m.obj.metadata.name ?? '', m.obj.metadata.namespace ?? conn.namespace);
    }
  } else {
    const req = parseResourceArgs(api, inv.args);
    multiKind = req.multiKind || flags.bool('show-kind');
    if (req.pairs.length) {
      byName = true;
      for (const p of req.pairs) fetch(p.type, p.name, namespace);
    } else if (req.names.length) {
      byName = true;
      for (const n of req.names) fetch(req.types[0] as ResourceType, n, namespace);
    } else {
      for (const t of req.types) {
        const objects = listObjects(api, t, namespace, listOpts);
        if (objects.length) groups.push({ type: t, objects });
      }
    }
  }

  const sortBy = flags.string('sort-by');
  if (sortBy) for (const g of groups) g.objects = sortObjects(g.objects, sortBy);

  const items: Printed[] = groups.flatMap((g) => g.objects.map((obj) => ({ type: g.type, obj })));
  if (output && output !== 'wide') {
    const single = byName && items.length === 1 && inv.args.length <= 2 && !inv.args.some((a) => a.includes(',')) && files.length === 0 && !kdir;
    if (items.length || !byName) inv.out(printStructured(output, items, single, flags.bool('no-headers')));
  } else if (items.length) {
    inv.out(printTables(groups, {
      now: inv.now(),
      wide: output === 'wide',
      noHeaders: flags.bool('no-headers'),
      showLabels: flags.bool('show-labels'),
      withNamespace: all && groups.some((g) => g.type.namespaced),
      withKind: multiKind,
      labelColumns: flags.list('label-columns'),
    }));
  } else if (!byName) {
    const anyNamespaced = parseResourceArgs(api, inv.args).types.some((t) => t.namespaced);
    inv.err(anyNamespaced && !all ? `No resources found in ${conn.namespace} namespace.\n` : 'No resources found\n');
  }
  for (const e of errors) inv.err(e);
  return errors.length ? 1 : 0;
}

/** -w/--watch-only: one type (optionally one name), printed as it changes. */
function watch(inv: Invocation, api: ApiServer, namespace: string | undefined, list: ListOptions): Promise<number> {
  const { flags } = inv;
  if (inv.args.length === 0) throw new CmdError('error: watch is only supported on individual resources and resource collections, but 0 resources were found');
  const req = parseResourceArgs(api, inv.args);
  const types = req.pairs.length ? [...new Set(req.pairs.map((p) => p.type))] : req.types;
  checkWatchable(types.length, req.pairs.length || req.names.length);
  const output = flags.string('output');
  return watchObjects(inv, {
    api,
    type: types[0] as ResourceType,
    namespace,
    names: req.pairs.length ? req.pairs.map((p) => p.name) : req.names,
    list,
    output,
    watchOnly: flags.bool('watch-only'),
    table: {
      wide: output === 'wide',
      noHeaders: flags.bool('no-headers'),
      showLabels: flags.bool('show-labels'),
      withNamespace: namespace === undefined && (types[0] as ResourceType).namespaced,
      withKind: req.multiKind || flags.bool('show-kind'),
      labelColumns: flags.list('label-columns'),
    },
  });
}

function sortObjects(objects: KubeObject[], expr: string): KubeObject[] {
  const nodes = parseTemplate(relaxedTemplate(expr));
  const first = nodes[0];
  if (!first || first.t !== 'path') return objects;
  const keyOf = (o: KubeObject) => evaluate(first.steps, o)[0];
  return [...objects].sort((a, b) => {
    const x = keyOf(a);
    const y = keyOf(b);
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x ?? '') < String(y ?? '') ? -1 : String(x ?? '') > String(y ?? '') ? 1 : 0;
  });
}
