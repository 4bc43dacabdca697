// kubectl create --raw PATH -f FILE: one POST of the file's bytes to the API server, the response
// body copied to stdout as is. The server decodes the body as JSON (the REST client's content type),
// so a YAML file is a BadRequest. Served: a collection (creates the object) and pods/NAME/eviction,
// the policy/v1 Eviction subresource (the documented way to evict a pod by hand).

import { ApiError } from '../../../engine/api/errors';
import type { ResourceType } from '../../../engine/api/resources';
import type { KubeObject } from '../../../engine/api/types';
import type { Invocation } from '../command';
import { CmdError } from '../errors';
import { resolvePath } from '../../tool';
import { NOT_FOUND, apiPath, goJson, underNamespace } from './raw-path';


interface Eviction extends KubeObject { deleteOptions?: { gracePeriodSeconds?: number; dryRun?: string[] } }

/** The JSON body, or the decoder's error the server answers with. */
function decode(text: string): KubeObject {
  try {
    const v: unknown = JSON.parse(text);
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as KubeObject;
    throw new ApiError('BadRequest', `couldn't get version/kind; json parse error: json: cannot unmarshal ${Array.isArray(v) ? 'array' : typeof v} into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }`);
  } catch (e) {
    if (e instanceof ApiError) throw e;
    const c = text.trim()[0];
    throw new ApiError('BadRequest', `couldn't get version/kind; json parse error: ${c === undefined ? 'unexpected end of JSON input' : `invalid character '${c}' looking for beginning of value`}`);
  }
}

/** POST /api/v1/namespaces/NS/pods/NAME/eviction: the eviction REST handler's checks, then the subresource. */
function evict(inv: Invocation, namespace: string, name: string, text: string): string {
  const api = inv.connect().cluster.api;
  const ev = decode(text) as Eviction;
  if (ev.kind !== 'Eviction' || !['policy/v1', 'policy/v1beta1'].includes(ev.apiVersion)) {
    throw new ApiError('BadRequest', `not a Eviction object: ${ev.kind ? `*${ev.apiVersion?.split('/')[0] ?? ''}.${ev.kind}` : '<nil>'}`);
  }
  if (ev.metadata?.name !== name) throw new ApiError('BadRequest', 'name in URL does not match name in Eviction object');
  const opts = ev.deleteOptions ?? {};
  try {
    api.evict(namespace, name, { ...(opts.gracePeriodSeconds !== undefined ? { gracePeriodSeconds: opts.gracePeriodSeconds } : {}), dryRun: (opts.dryRun ?? []).includes('All') });
  } catch (e) {
    // More than one budget comes back as a failure Status with code 500 and no reason.
    if (e instanceof ApiError && e.reason === 'InternalError') throw new CmdError(`Error from server: ${e.message}`);
    throw e;
  }
  return JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 }) + '\n';
}

/** POST to a collection: the object is created in the path's namespace. */
function createIn(inv: Invocation, t: ResourceType, namespace: string | undefined, text: string): string {
  const api = inv.connect().cluster.api;
  const obj = decode(text);
  const want = t.group ? `${t.group}/${t.version}` : t.version;
  if (obj.apiVersion !== want) throw new ApiError('BadRequest', `the API version in the data (${obj.apiVersion ?? ''}) does not match the expected API version (${want})`);
  if (namespace && obj.metadata?.namespace && obj.metadata.namespace !== namespace) {
    throw new ApiError('BadRequest', 'the namespace of the provided object does not match the namespace sent on the request');
  }
  const created = api.create({ ...obj, metadata: { ...(obj.metadata ?? {}), ...(namespace ? { namespace } : {}) } });
  return JSON.stringify(goJson(created)) + '\n';
}

function post(inv: Invocation, path: string, text: string): string {
  const api = inv.connect().cluster.api;
  const { group, version, rest: after } = apiPath(path.split('?')[0] ?? '');
  const { namespace, rest } = underNamespace(after);
  const [resource, name, sub, ...extra] = rest;
  const t = api.resourceTypes().find((x) => x.group === group && x.version === version && x.name === resource);
  if (!t || extra.length || (namespace !== undefined) !== t.namespaced) throw NOT_FOUND();
  if (name === undefined) return createIn(inv, t, namespace, text);
  if (t.name === 'pods' && !group && sub === 'eviction' && namespace) return evict(inv, namespace, name, text);
  throw new ApiError('MethodNotAllowed', 'the server does not allow this method on the requested resource');
}

/** CreateOptions.ValidateArgs for --raw, then RawPost. */
export function runRawCreate(inv: Invocation, raw: string): number {
  const files = inv.flags.list('filename');
  if (inv.args.length) throw new CmdError(`error: Unexpected args: [${inv.args.join(' ')}]\nSee 'kubectl create -h' for help and examples`);
  const usage = (msg: string) => new CmdError(`error: ${msg}\nSee 'kubectl create -h' for help and examples`);
  if (inv.flags.bool('edit')) throw usage('--raw and --edit are mutually exclusive');
  if (files.length !== 1) throw usage('--raw can only use a single local file or stdin');
  const file = files[0] as string;
  if (/^https?:\/\//.test(file)) throw usage('--raw cannot read from a url');
  if (inv.flags.bool('recursive')) throw usage('--raw and --local are mutually exclusive');
  if (inv.flags.string('output')) throw usage('--raw and --output are mutually exclusive');
  if (!raw.startsWith('/')) throw usage(`--raw must be a valid URL path: parse "${raw}": invalid URI for request`);
  let text: string;
  if (file === '-') text = inv.ctx.stdin;
  else {
    const abs = resolvePath(inv.ctx.cwd, file, inv.ctx.env.get('HOME') ?? '/root');
    if (!inv.ctx.host.fs.isFile(abs)) throw new CmdError(`error: open ${file}: ${inv.ctx.host.fs.exists(abs) ? 'is a directory' : 'no such file or directory'}`);
    text = inv.ctx.host.fs.read(abs);
  }
  inv.out(post(inv, raw, text));
  return 0;
}
