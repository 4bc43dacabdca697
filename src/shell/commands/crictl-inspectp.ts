// crictl inspectp [POD-ID...]: the pod sandbox status containerd reports, as crictl prints it —
// JSON with every object's keys in sorted order (crictl re-marshals the status through a Go
// map), the verbose `info` beside `status`, an array when there is more than one sandbox, and
// every sandbox on the node when no ID is given.

import type { Pod } from '../../engine/api/types';
import type { PodRecord } from '../../engine/kubelet/runtime';
import { PAUSE_VERSION } from '../../engine/kubeadm/manifests';
import { fail, ok, type ToolContext, type ToolResult } from '../tool';
import { pidFor, sandboxId } from './processes';
import { toKubectlYaml } from '../kubectl/printers/yaml';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Go's json.Marshal of a map: object keys sorted, at every depth. */
function sorted(v: Json): Json {
  if (Array.isArray(v)) return v.map(sorted);
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted(v[k] as Json)]));
}

/** The API's pod for a sandbox (the mirror pod for a static one): its labels and annotations go into the sandbox config. */
function apiPod(ctx: ToolContext, rec: PodRecord): Pod | undefined {
  const cluster = ctx.host.state.cluster ? ctx.world.clusters.get(ctx.host.state.cluster) : undefined;
  const t = cluster?.api.lookup('pods');
  return cluster && t ? cluster.api.tryGet<Pod>(t, rec.namespace, rec.name) : undefined;
}

/** The kubelet hands the runtime the pod's annotations; the mirror-pod mark exists only in the API. */
function sandboxAnnotations(rec: PodRecord, pod: Pod | undefined): Record<string, string> {
  const out: Record<string, string> = { 'kubernetes.io/config.source': rec.id.startsWith('static:') ? 'file' : 'api', ...(pod?.metadata.annotations ?? {}) };
  delete out['kubernetes.io/config.mirror'];
  return out;
}

function sandboxStatus(ctx: ToolContext, rec: PodRecord): Json {
  const uid = rec.id.replace(/^static:/, '');
  const pod = apiPod(ctx, rec);
  const ready = rec.stage !== 'terminating';
  return {
    info: {
      image: `registry.k8s.io/pause:${PAUSE_VERSION}`,
      netNamespaceClosed: !ready,
      pid: pidFor(`pause/${sandboxId(rec)}`),
      processStatus: ready ? 'running' : 'deleted',
      runtimeHandler: '',
      runtimeType: 'io.containerd.runc.v2',
      sandboxMode: 'podsandbox',
      snapshotter: 'overlayfs',
    },
    status: {
      annotations: sandboxAnnotations(rec, pod),
      containersStatuses: [],
      createdAt: rec.startTime,
      id: sandboxId(rec),
      labels: { ...(pod?.metadata.labels ?? {}), 'io.kubernetes.pod.name': rec.name, 'io.kubernetes.pod.namespace': rec.namespace, 'io.kubernetes.pod.uid': uid },
      linux: { namespaces: { options: { ipc: 'POD', network: rec.podIP ? 'POD' : 'NODE', pid: 'CONTAINER', targetId: '' } } },
      metadata: { attempt: 0, name: rec.name, namespace: rec.namespace, uid },
      network: { additionalIps: [], ip: rec.podIP ?? '' },
      runtimeHandler: '',
      state: ready ? 'SANDBOX_READY' : 'SANDBOX_NOTREADY',
      timestamp: '0',
    },
  };
}

const WITH_VALUE = new Set(['--output', '-o', '--template', '--name', '--namespace', '--state', '-s', '--label', '--last', '-n']);

/** The IDs and the flags (`--name=x` or `--name x`) of an inspectp command line. */
function parseArgs(args: string[]): { ids: string[]; flags: Map<string, string> } {
  const ids: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (!a.startsWith('-')) ids.push(a);
    else if (a.includes('=')) flags.set(a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1));
    else if (WITH_VALUE.has(a)) flags.set(a, args[++i] ?? '');
    else flags.set(a, 'true');
  }
  return { ids, flags };
}

/** With no IDs crictl inspects every sandbox its list filters keep, newest first. */
function listed(pods: PodRecord[], flags: Map<string, string>): PodRecord[] {
  const name = flags.get('--name');
  const ns = flags.get('--namespace');
  const state = flags.get('--state') ?? flags.get('-s');
  let out = [...pods].sort((a, b) => Date.parse(b.startTime) - Date.parse(a.startTime));
  if (name) out = out.filter((p) => new RegExp(name).test(p.name));
  if (ns) out = out.filter((p) => new RegExp(ns).test(p.namespace));
  if (state) out = out.filter((p) => (p.stage === 'terminating' ? 'notready' : 'ready') === state.toLowerCase().replace(/^sandbox_/, ''));
  const last = Number(flags.get('--last') ?? flags.get('-n') ?? 0);
  if (flags.has('--latest') || flags.has('-l')) out = out.slice(0, 1);
  else if (last > 0) out = out.slice(0, last);
  return out;
}

export function inspectp(args: string[], ctx: ToolContext): ToolResult {
  const pods = Object.values(ctx.host.state.runtime?.pods ?? {});
  const { ids, flags } = parseArgs(args);
  const output = flags.get('--output') ?? flags.get('-o') ?? 'json';
  if (output !== 'json' && output !== 'yaml') return fail(`time="${ctx.world.clock.iso()}" level=fatal msg="get the status of pod sandboxes: output format ${output} is not available in this lab: use -o json or -o yaml"`);
  const chosen: PodRecord[] = [];
  if (ids.length === 0) chosen.push(...listed(pods, flags));
  for (const id of ids) {
    // containerd finds a sandbox by any unique prefix of its ID.
    const hit = pods.filter((p) => sandboxId(p).startsWith(id));
    if (hit.length !== 1) {
      return fail(`time="${ctx.world.clock.iso()}" level=fatal msg="get the status of pod sandboxes: get pod sandbox status: rpc error: code = NotFound desc = an error occurred when try to find sandbox: not found"`);
    }
    chosen.push(hit[0] as PodRecord);
  }
  if (chosen.length === 0) {
    return { stdout: '', stderr: `time="${ctx.world.clock.iso()}" level=error msg="No IDs provided or nothing found per filter"\n`, exitCode: 0 };
  }
  const all = chosen.map((p) => sorted(sandboxStatus(ctx, p)));
  const result = all.length === 1 ? all[0] : all;
  // Both are printed with Println: YAML (sigs.k8s.io/yaml, as kubectl's) gets a blank line after it.
  return ok(output === 'yaml' ? toKubectlYaml(result) + '\n' : JSON.stringify(result, null, 2) + '\n');
}
