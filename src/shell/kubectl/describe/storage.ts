// describe persistentvolume / persistentvolumeclaim / storageclass, as describe.go's
// describePersistentVolume, describePersistentVolumeClaim and describeStorageClass lay them out.

import type { ResourceType } from '../../../engine/api/resources';
import type { ApiServer } from '../../../engine/api/store';
import type { KubeEvent, KubeObject, Pod } from '../../../engine/api/types';
import { labelsString } from '../printers/columns';
import { accessModes } from '../printers/columns/storage';
import { age } from '../printers/table';
import { writeEvents } from './events';
import { DescribeWriter, rfc1123z, writeAnnotations, writeLabels } from './writer';

type Json = Record<string, unknown>;

/** Go's %v of a []string: "[a b]". */
export const goList = (xs: string[] | undefined): string => `[${(xs ?? []).join(' ')}]`;

/** GetPersistentVolumeClass / GetPersistentVolumeClaimClass: the beta annotation wins. */
function className(o: KubeObject): string {
  return o.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? String((o.spec as Json | undefined)?.storageClassName ?? '');
}

function status(o: KubeObject, phase: unknown, now: number): string {
  return o.metadata.deletionTimestamp ? `Terminating (lasts ${age(o.metadata.deletionTimestamp, now)})` : String(phase ?? '');
}

interface NodeSelectorTerm { matchExpressions?: { key: string; operator: string; values?: string[] }[] }

function writeNodeAffinity(w: DescribeWriter, affinity: { required?: { nodeSelectorTerms?: NodeSelectorTerm[] } } | undefined): void {
  w.write(0, 'Node Affinity:\t');
  if (!affinity?.required) { w.write(0, '<none>\n'); return; }
  w.write(0, '\n');
  w.write(1, 'Required Terms:\t');
  const terms = affinity.required.nodeSelectorTerms ?? [];
  if (!terms.length) { w.write(0, '<none>\n'); return; }
  w.write(0, '\n');
  terms.forEach((term, i) => {
    w.write(2, `Term ${i}:\t`);
    const reqs = term.matchExpressions ?? [];
    if (!reqs.length) { w.write(0, '<none>\n'); return; }
    reqs.forEach((r, j) => {
      if (j) w.write(2, '\t');
      const values = r.values?.length ? ` [${r.values.join(', ')}]` : '';
      w.write(0, `${r.key} ${r.operator.toLowerCase()}${values}\n`);
    });
  });
}

function writeSource(w: DescribeWriter, spec: Json): void {
  const hp = spec.hostPath as Json | undefined;
  const local = spec.local as Json | undefined;
  const nfs = spec.nfs as Json | undefined;
  const csi = spec.csi as Json | undefined;
  if (hp) w.write(2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${hp.path}\n    HostPathType:\t${hp.type ?? ''}\n`);
  else if (nfs) w.write(2, `Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t${nfs.server}\n    Path:\t${nfs.path}\n    ReadOnly:\t${nfs.readOnly === true}\n`);
  else if (local) w.write(2, `Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n    Path:\t${local.path}\n`);
  else if (csi) {
    w.write(2, `Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t${csi.driver}\n    FSType:\t${csi.fsType ?? ''}\n    VolumeHandle:\t${csi.volumeHandle}\n    ReadOnly:\t${csi.readOnly === true}\n`);
    const attrs = (csi.volumeAttributes ?? {}) as Record<string, string>;
    const keys = Object.keys(attrs).sort();
    w.write(2, 'VolumeAttributes:\t');
    if (!keys.length) w.write(0, '<none>\n');
    keys.forEach((k, i) => {
      if (i) w.write(2, '\t');
      const line = `${k}=${attrs[k]}`;
      w.write(2, line.length > 140 ? `${line.slice(0, 140)}...\n` : `${line}\n`);
    });
  } else w.write(1, '<unknown>\n');
}

export function describePersistentVolume(pv: KubeObject, events: KubeEvent[] | undefined, now: number): string {
  const w = new DescribeWriter();
  const spec = (pv.spec ?? {}) as Json;
  const st = (pv.status ?? {}) as Json;
  w.line(0, 'Name:', pv.metadata.name ?? '');
  writeLabels(w, 'Labels', pv.metadata.labels);
  writeAnnotations(w, 'Annotations', pv.metadata.annotations);
  w.line(0, 'Finalizers:', goList(pv.metadata.finalizers));
  w.line(0, 'StorageClass:', className(pv));
  w.line(0, 'Status:', status(pv, st.phase, now));
  const ref = spec.claimRef as { namespace?: string; name?: string } | undefined;
  w.line(0, 'Claim:', ref ? `${ref.namespace ?? ''}/${ref.name ?? ''}` : '');
  w.line(0, 'Reclaim Policy:', String(spec.persistentVolumeReclaimPolicy ?? ''));
  w.line(0, 'Access Modes:', accessModes(spec.accessModes));
  if (spec.volumeMode) w.line(0, 'VolumeMode:', String(spec.volumeMode));
  w.line(0, 'Capacity:', String((spec.capacity as Json | undefined)?.storage ?? '0'));
  writeNodeAffinity(w, spec.nodeAffinity as { required?: { nodeSelectorTerms?: NodeSelectorTerm[] } } | undefined);
  w.line(0, 'Message:', String(st.message ?? ''));
  w.write(0, 'Source:\n');
  writeSource(w, spec);
  if (events) writeEvents(w, events, now);
  return w.toString();
}

/** getPodsForPVC: pods in the claim's namespace with a volume from it, then pods owning it. */
function podsUsing(api: ApiServer, pvc: KubeObject): Pod[] {
  const pods = api.list<Pod>(api.lookup('pods') as ResourceType, pvc.metadata.namespace);
  const out = pods.filter((p) => (p.spec.volumes ?? []).some((v) => (v as Json).persistentVolumeClaim && ((v as Json).persistentVolumeClaim as Json).claimName === pvc.metadata.name));
  for (const ref of pvc.metadata.ownerReferences ?? []) {
    if (ref.kind !== 'Pod') continue;
    const owner = pods.find((p) => p.metadata.uid === ref.uid);
    if (owner && !out.includes(owner)) out.push(owner);
  }
  return out.sort((a, b) => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1));
}

export function describePersistentVolumeClaim(api: ApiServer, pvc: KubeObject, events: KubeEvent[] | undefined, now: number): string {
  const w = new DescribeWriter();
  const spec = (pvc.spec ?? {}) as Json;
  const st = (pvc.status ?? {}) as Json;
  w.line(0, 'Name:', pvc.metadata.name ?? '');
  w.line(0, 'Namespace:', pvc.metadata.namespace ?? '');
  w.line(0, 'StorageClass:', className(pvc));
  w.line(0, 'Status:', status(pvc, st.phase, now));
  w.line(0, 'Volume:', String(spec.volumeName ?? ''));
  writeLabels(w, 'Labels', pvc.metadata.labels);
  writeAnnotations(w, 'Annotations', pvc.metadata.annotations);
  w.line(0, 'Finalizers:', goList(pvc.metadata.finalizers));
  const bound = Boolean(spec.volumeName);
  w.line(0, 'Capacity:', bound ? String((st.capacity as Json | undefined)?.storage ?? '0') : '');
  w.line(0, 'Access Modes:', bound ? accessModes(st.accessModes) : '');
  if (spec.volumeMode) w.line(0, 'VolumeMode:', String(spec.volumeMode));
  const ds = spec.dataSource as { apiGroup?: string; kind?: string; name?: string } | undefined;
  if (ds) {
    w.write(0, 'DataSource:\n');
    if (ds.apiGroup !== undefined) w.line(1, 'APIGroup:', ds.apiGroup);
    w.line(1, 'Kind:', ds.kind ?? '');
    w.line(1, 'Name:', ds.name ?? '');
  }
  const pods = podsUsing(api, pvc);
  w.write(0, 'Used By:\t');
  if (!pods.length) w.write(0, '<none>\n');
  pods.forEach((p, i) => w.write(0, `${i ? '\t' : ''}${p.metadata.name}\n`));
  const conditions = (st.conditions as Json[] | undefined) ?? [];
  if (conditions.length) {
    w.write(0, 'Conditions:\n');
    w.write(1, 'Type\tStatus\tLastProbeTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    const t = (x: unknown) => (x ? rfc1123z(String(x)) : 'Mon, 01 Jan 0001 00:00:00 +0000');
    for (const c of conditions) w.write(1, `${c.type} \t${c.status} \t${t(c.lastProbeTime)} \t${t(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
  }
  if (events) writeEvents(w, events, now);
  return w.toString();
}

export function describeStorageClass(sc: KubeObject, events: KubeEvent[] | undefined, now: number): string {
  const w = new DescribeWriter();
  const ann = sc.metadata.annotations ?? {};
  const isDefault = ann['storageclass.kubernetes.io/is-default-class'] === 'true' || ann['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
  w.line(0, 'Name:', sc.metadata.name ?? '');
  w.line(0, 'IsDefaultClass:', isDefault ? 'Yes' : 'No');
  w.line(0, 'Annotations:', labelsString(sc.metadata.annotations));
  w.line(0, 'Provisioner:', String(sc.provisioner ?? ''));
  w.line(0, 'Parameters:', labelsString(sc.parameters as Record<string, string> | undefined));
  const expand = sc.allowVolumeExpansion as boolean | undefined;
  w.line(0, 'AllowVolumeExpansion:', expand === undefined || expand === null ? '<unset>' : expand ? 'True' : 'False');
  const mountOptions = (sc.mountOptions as string[] | undefined) ?? [];
  if (!mountOptions.length) w.line(0, 'MountOptions:', '<none>');
  else {
    w.write(0, 'MountOptions:\n');
    for (const o of mountOptions) w.write(1, `${o}\n`);
  }
  if (sc.reclaimPolicy) w.line(0, 'ReclaimPolicy:', String(sc.reclaimPolicy));
  if (sc.volumeBindingMode) w.line(0, 'VolumeBindingMode:', String(sc.volumeBindingMode));
  const topologies = sc.allowedTopologies as { matchLabelExpressions?: { key: string; values?: string[] }[] }[] | undefined;
  if (topologies) {
    w.write(0, 'AllowedTopologies:\t');
    if (!topologies.length) w.write(0, '<none>\n');
    else w.write(0, '\n');
    topologies.forEach((term, i) => {
      w.write(1, `Term ${i}:\t`);
      const reqs = term.matchLabelExpressions ?? [];
      if (!reqs.length) w.write(0, '<none>\n');
      reqs.forEach((r, j) => {
        if (j) w.write(1, '\t');
        w.write(0, `${r.key} in${r.values?.length ? ` [${r.values.join(', ')}]` : ''}\n`);
      });
    });
  }
  if (events) writeEvents(w, events, now);
  return w.toString();
}
