// Release records stored as Helm 3 stores them: one Secret per revision, named
// sh.helm.release.v1.NAME.vN, type helm.sh/release.v1, labelled name/owner/status/version,
// with data.release = base64(gzip(JSON of the release)).

import type { ApiServer } from '../../../engine/api/store';
import type { KubeObject } from '../../../engine/api/types';
import { builtinType } from '../../kubectl/resources';
import type { Values } from './values';
import type { ReleaseHook } from './hooks';

export type ReleaseStatus = 'deployed' | 'superseded' | 'failed' | 'uninstalled' | 'pending-install' | 'pending-upgrade' | 'pending-rollback';

export interface Release {
  name: string;
  namespace: string;
  version: number;
  info: { first_deployed: string; last_deployed: string; deleted: string; description: string; status: ReleaseStatus; notes?: string };
  chart: { metadata: { name: string; version: string; appVersion: string; description: string; apiVersion: string }; values: Values };
  config: Values;
  manifest: string;
  /** The chart's hooks, kept apart from the manifest (absent in records written before hooks ran). */
  hooks?: ReleaseHook[];
}

const SECRETS = builtinType('secrets');

async function pipeThrough(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const body = new Blob([bytes.slice().buffer]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(body).arrayBuffer());
}

function toB64(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

function fromB64(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function secretName(name: string, version: number): string {
  return `sh.helm.release.v1.${name}.v${version}`;
}

export async function encodeRelease(r: Release): Promise<string> {
  const gz = await pipeThrough(new TextEncoder().encode(JSON.stringify(r)), new CompressionStream('gzip'));
  return toB64(gz);
}

export async function decodeRelease(s: KubeObject): Promise<Release | undefined> {
  const data = (s.data as Record<string, string> | undefined)?.release;
  if (!data) return undefined;
  try {
    let bytes = fromB64(new TextDecoder().decode(fromB64(data)));
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = await pipeThrough(bytes, new DecompressionStream('gzip'));
    return JSON.parse(new TextDecoder().decode(bytes)) as Release;
  } catch {
    return undefined;
  }
}

/** Every stored revision of every release in `namespace` (all namespaces when undefined). */
export async function listReleases(api: ApiServer, namespace: string | undefined, name?: string): Promise<Release[]> {
  const out: Release[] = [];
  for (const s of api.list(SECRETS, namespace)) {
    if (s.type !== 'helm.sh/release.v1' || s.metadata.labels?.owner !== 'helm') continue;
    if (name && s.metadata.labels?.name !== name) continue;
    const r = await decodeRelease(s);
    if (r) out.push(r);
  }
  return out.sort((a, b) => a.version - b.version);
}

export async function saveRelease(api: ApiServer, r: Release, now: number): Promise<void> {
  const release = await encodeRelease(r);
  const name = secretName(r.name, r.version);
  const obj: KubeObject = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name,
      namespace: r.namespace,
      labels: { modifiedAt: String(Math.floor(now / 1000)), name: r.name, owner: 'helm', status: r.info.status, version: String(r.version) },
    },
    type: 'helm.sh/release.v1',
    data: { release: btoa(release) },
  };
  const existing = api.tryGet(SECRETS, r.namespace, name);
  if (existing) api.update({ ...obj, metadata: { ...existing.metadata, labels: obj.metadata.labels } });
  else api.create(obj);
}

export function deleteReleaseRecords(api: ApiServer, r: Release): void {
  for (const s of api.list(SECRETS, r.namespace)) {
    if (s.type === 'helm.sh/release.v1' && s.metadata.labels?.name === r.name && s.metadata.labels?.owner === 'helm') {
      api.delete(SECRETS, r.namespace, s.metadata.name ?? '');
    }
  }
}
