// Rows for the storage kinds: PersistentVolume, PersistentVolumeClaim, StorageClass, as
// printers.go prints them (access modes abbreviated, "Terminating" once deleted, "(default)" after the default class,
// VOLUMEATTRIBUTESCLASS "<unset>" when none is set).

import type { KubeObject } from '../../../../engine/api/types';
import { age } from '../table';
import { str, type KindColumns } from './types';

const ABBREV: Record<string, string> = { ReadWriteOnce: 'RWO', ReadOnlyMany: 'ROX', ReadWriteMany: 'RWX', ReadWriteOncePod: 'RWOP' };

/** GetAccessModesAsString: each mode once, always in the order RWO, ROX, RWX, RWOP. */
export function accessModes(modes: unknown): string {
  if (!Array.isArray(modes)) return '';
  return Object.keys(ABBREV).filter((m) => modes.includes(m)).map((m) => ABBREV[m] as string).join(',');
}

interface Spec { [k: string]: unknown }

const spec = (o: KubeObject): Spec => (o.spec ?? {}) as Spec;
const status = (o: KubeObject): Spec => (o.status ?? {}) as Spec;

function claimClass(o: KubeObject): string {
  return str(o.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? spec(o).storageClassName);
}

export const persistentVolumeColumns: KindColumns = {
  headers: ['NAME', 'CAPACITY', 'ACCESS MODES', 'RECLAIM POLICY', 'STATUS', 'CLAIM', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'REASON', 'AGE'],
  wideHeaders: ['VOLUMEMODE'],
  cells: (o, opt) => {
    const s = spec(o);
    const ref = s.claimRef as { namespace?: string; name?: string } | undefined;
    const cells = [
      str(o.metadata.name),
      str((s.capacity as { storage?: string } | undefined)?.storage),
      accessModes(s.accessModes),
      str(s.persistentVolumeReclaimPolicy),
      o.metadata.deletionTimestamp ? 'Terminating' : str(status(o).phase),
      ref ? `${ref.namespace ?? ''}/${ref.name ?? ''}` : '',
      claimClass(o),
      str(s.volumeAttributesClassName) || '<unset>',
      str(status(o).reason),
      age(o.metadata.creationTimestamp, opt.now),
    ];
    if (opt.wide) cells.push(str(s.volumeMode) || '<unset>');
    return cells;
  },
};

export const persistentVolumeClaimColumns: KindColumns = {
  headers: ['NAME', 'STATUS', 'VOLUME', 'CAPACITY', 'ACCESS MODES', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'AGE'],
  wideHeaders: ['VOLUMEMODE'],
  cells: (o, opt) => {
    const s = spec(o);
    const st = status(o);
    const bound = Boolean(s.volumeName);
    const cells = [
      str(o.metadata.name),
      o.metadata.deletionTimestamp ? 'Terminating' : str(st.phase),
      str(s.volumeName),
      bound ? str((st.capacity as { storage?: string } | undefined)?.storage) : '',
      bound ? accessModes(st.accessModes) : '',
      claimClass(o),
      str(s.volumeAttributesClassName) || '<unset>',
      age(o.metadata.creationTimestamp, opt.now),
    ];
    if (opt.wide) cells.push(str(s.volumeMode) || '<unset>');
    return cells;
  },
};

export const storageClassColumns: KindColumns = {
  headers: ['NAME', 'PROVISIONER', 'RECLAIMPOLICY', 'VOLUMEBINDINGMODE', 'ALLOWVOLUMEEXPANSION', 'AGE'],
  wideHeaders: [],
  cells: (o, opt) => {
    const x = o as KubeObject & { provisioner?: string; reclaimPolicy?: string; volumeBindingMode?: string; allowVolumeExpansion?: boolean };
    const ann = o.metadata.annotations ?? {};
    const isDefault = ann['storageclass.kubernetes.io/is-default-class'] === 'true' || ann['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
    return [
      `${str(o.metadata.name)}${isDefault ? ' (default)' : ''}`,
      str(x.provisioner),
      x.reclaimPolicy ?? 'Delete',
      x.volumeBindingMode ?? 'Immediate',
      String(x.allowVolumeExpansion === true),
      age(o.metadata.creationTimestamp, opt.now),
    ];
  },
};
