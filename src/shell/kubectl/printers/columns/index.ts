// Which columns a kind prints with; kinds without their own printer get NAME AGE, as the API
// server's default table convertor gives.

import type { KindColumns } from './types';
import { podColumns } from './pods';
import { controllerRevisionColumns, daemonSetColumns, deploymentColumns, replicaSetColumns, statefulSetColumns } from './apps';
import {
  bindingColumns, componentStatusColumns, configMapColumns, createdAtColumns, endpointsColumns, eventColumns, eventWideHeaders, genericColumns,
  namespaceColumns, nodeColumns, secretColumns, serviceAccountColumns, serviceColumns,
} from './core';
import { endpointSliceColumns, ingressClassColumns, ingressColumns, networkPolicyColumns } from './network';
import { horizontalPodAutoscalerColumns } from './autoscaling';
import { persistentVolumeClaimColumns, persistentVolumeColumns, storageClassColumns } from './storage';
import { cronJobColumns, jobColumns } from './batch';
import {
  certificateSigningRequestColumns, leaseColumns, podDisruptionBudgetColumns, priorityClassColumns, resourceQuotaColumns,
} from './policy';

const BY_KIND: Record<string, KindColumns> = {
  Pod: podColumns,
  Deployment: deploymentColumns,
  ReplicaSet: replicaSetColumns,
  DaemonSet: daemonSetColumns,
  StatefulSet: statefulSetColumns,
  ControllerRevision: controllerRevisionColumns,
  Node: nodeColumns,
  Service: serviceColumns,
  Namespace: namespaceColumns,
  ConfigMap: configMapColumns,
  Secret: secretColumns,
  ServiceAccount: serviceAccountColumns,
  Event: eventColumns,
  Endpoints: endpointsColumns,
  EndpointSlice: endpointSliceColumns,
  Ingress: ingressColumns,
  IngressClass: ingressClassColumns,
  NetworkPolicy: networkPolicyColumns,
  Role: createdAtColumns,
  ClusterRole: createdAtColumns,
  RoleBinding: bindingColumns,
  ClusterRoleBinding: bindingColumns,
  PersistentVolume: persistentVolumeColumns,
  PersistentVolumeClaim: persistentVolumeClaimColumns,
  StorageClass: storageClassColumns,
  HorizontalPodAutoscaler: horizontalPodAutoscalerColumns,
  CustomResourceDefinition: createdAtColumns,
  Job: jobColumns,
  CronJob: cronJobColumns,
  ResourceQuota: resourceQuotaColumns,
  LimitRange: createdAtColumns,
  PodDisruptionBudget: podDisruptionBudgetColumns,
  PriorityClass: priorityClassColumns,
  Lease: leaseColumns,
  CertificateSigningRequest: certificateSigningRequestColumns,
  ComponentStatus: componentStatusColumns,
};

export function columnsFor(kind: string): KindColumns {
  return BY_KIND[kind] ?? genericColumns;
}

/** Headers for a kind: the defaults, plus the wide ones with -o wide. */
export function headersFor(kind: string, wide: boolean): string[] {
  if (kind === 'Event' && wide) return eventWideHeaders;
  const c = columnsFor(kind);
  return wide ? [...c.headers, ...c.wideHeaders] : c.headers;
}

export type { KindColumns, RowOptions } from './types';
export { labelsString } from './types';
export { summarizePod, restartsCell } from './pods';
export { nodeRoles, nodeStatus, servicePorts, serviceExternalIP, formatEndpoints, eventObject } from './core';
