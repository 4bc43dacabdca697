// Defaulting for batch/v1 (Job, CronJob) and apps/v1 StatefulSet, as SetDefaults_* and the
// registry strategies fill them in: a Job gets its generated selector and the
// controller-uid/job-name labels on its template, from the uid the API server gives it.

import type { ApiServer } from './store';
import type { KubeObject, PodSpec } from './types';
import { defaultPodSpec } from './defaults';

type Obj = Record<string, unknown>;

export const JOB_UID_LABEL = 'batch.kubernetes.io/controller-uid';
export const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';

function defaultTemplate(template: Obj | undefined, api: ApiServer): void {
  if (!template) return;
  if (template.metadata === undefined) template.metadata = {};
  defaultPodSpec(template.spec as PodSpec | undefined, api, false);
}

/** A Job spec's defaults; `uid` is the Job's (the selector and labels name it). */
export function defaultJobSpec(spec: Obj, api: ApiServer, name: string, uid: string | undefined): void {
  if (spec.completions === undefined && spec.parallelism === undefined) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  spec.parallelism ??= 1;
  spec.backoffLimit ??= spec.backoffLimitPerIndex !== undefined ? 2147483647 : 6;
  spec.completionMode ??= 'NonIndexed';
  spec.suspend ??= false;
  if (spec.podFailurePolicy === undefined) spec.podReplacementPolicy ??= 'TerminatingOrFailed';
  else spec.podReplacementPolicy ??= 'Failed';
  const template = (spec.template ??= {}) as Obj;
  defaultTemplate(template, api);
  if (uid && spec.manualSelector !== true) {
    const labels = { [JOB_UID_LABEL]: uid, [JOB_NAME_LABEL]: name, 'controller-uid': uid, 'job-name': name };
    const meta = template.metadata as { labels?: Record<string, string> };
    meta.labels = { ...labels, ...(meta.labels ?? {}) };
    spec.selector ??= { matchLabels: { [JOB_UID_LABEL]: uid } };
  }
}

export function applyBatchDefaults(obj: KubeObject, kind: string, api: ApiServer): void {
  const spec = (obj.spec ??= {}) as Obj;
  if (kind === 'Job') {
    // The uid exists before the strategy runs in kube-apiserver; a new Job draws it here.
    if (!obj.metadata.creationTimestamp) obj.metadata.uid = api.random.uuid();
    defaultJobSpec(spec, api, obj.metadata.name as string, obj.metadata.uid);
    return;
  }
  if (kind === 'CronJob') {
    spec.concurrencyPolicy ??= 'Allow';
    spec.suspend ??= false;
    spec.successfulJobsHistoryLimit ??= 3;
    spec.failedJobsHistoryLimit ??= 1;
    const jt = (spec.jobTemplate ??= {}) as Obj;
    const js = (jt.spec ??= {}) as Obj;
    // SetDefaults_Job takes a Job, not a JobSpec: the template's spec gets only its pod
    // template's defaults. completions, backoffLimit and the rest come when the controller
    // creates the Job from it.
    jt.metadata ??= {};
    defaultTemplate((js.template ??= {}) as Obj, api);
    return;
  }
  if (kind === 'StatefulSet') {
    spec.podManagementPolicy ??= 'OrderedReady';
    spec.updateStrategy ??= { type: 'RollingUpdate', rollingUpdate: { partition: 0 } };
    spec.persistentVolumeClaimRetentionPolicy ??= { whenDeleted: 'Retain', whenScaled: 'Retain' };
    for (const pvc of (spec.volumeClaimTemplates ?? []) as Obj[]) {
      pvc.apiVersion ??= 'v1';
      pvc.kind ??= 'PersistentVolumeClaim';
      const s = (pvc.spec ??= {}) as Obj;
      s.volumeMode ??= 'Filesystem';
      pvc.status ??= { phase: 'Pending' };
    }
  }
}
