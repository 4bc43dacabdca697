// Which describer a kind gets.

import type { ApiServer } from '../../../engine/api/store';
import type { Deployment, KubeObject, Node, Pod, ReplicaSet, Service } from '../../../engine/api/types';
import { describeDaemonSet, describeStatefulSet } from './apps';
import { describeHorizontalPodAutoscaler } from './autoscaling';
import { describeCronJob, describeJob } from './batch';
import { describeCertificateSigningRequest, describePodDisruptionBudget, describePriorityClass, describeServiceAccount } from './cluster';
import { describeEndpointSlice, describeEndpoints } from './endpoints';
import { describeIngress, describeIngressClass, describeNetworkPolicy } from './network';
import { describePersistentVolume, describePersistentVolumeClaim, describeStorageClass } from './storage';
import { describeConfigMap, describeNamespace, describeSecret, describeService } from './core';
import { eventsFor } from './events';
import { describeGeneric } from './generic';
import { describeNode } from './node';
import { describeLimitRange, describeResourceQuota } from './policy';
import { describePod } from './pod';
import { describeRole, describeRoleBinding } from './rbac';
import { describeDeployment, describeReplicaSet } from './workloads';

export function describeObject(api: ApiServer, obj: KubeObject, now: number, showEvents = true): string {
  const events = showEvents ? eventsFor(api, obj) : undefined;
  switch (obj.kind) {
    case 'Pod': return describePod(obj as Pod, events, now);
    case 'Deployment': return describeDeployment(api, obj as Deployment, events, now);
    case 'ReplicaSet': return describeReplicaSet(api, obj as ReplicaSet, events, now);
    case 'Service': return describeService(api, obj as Service, events, now);
    case 'Node': return describeNode(api, obj as Node, events, now);
    case 'Namespace': return describeNamespace(api, obj);
    case 'ConfigMap': return describeConfigMap(obj, events, now);
    case 'Secret': return describeSecret(obj);
    case 'Role':
    case 'ClusterRole': return describeRole(obj);
    case 'RoleBinding':
    case 'ClusterRoleBinding': return describeRoleBinding(obj);
    case 'ResourceQuota': return describeResourceQuota(obj);
    case 'LimitRange': return describeLimitRange(obj);
    case 'HorizontalPodAutoscaler': return describeHorizontalPodAutoscaler(obj, events, now);
    case 'DaemonSet': return describeDaemonSet(api, obj, events, now);
    case 'StatefulSet': return describeStatefulSet(api, obj, events, now);
    case 'Job': return describeJob(obj, events, now);
    case 'CronJob': return describeCronJob(obj, events, now);
    case 'NetworkPolicy': return describeNetworkPolicy(obj);
    case 'Ingress': return describeIngress(api, obj, events, now);
    case 'IngressClass': return describeIngressClass(obj, events, now);
    case 'Endpoints': return describeEndpoints(obj, events, now);
    case 'EndpointSlice': return describeEndpointSlice(obj, events, now);
    case 'PersistentVolume': return describePersistentVolume(obj, events, now);
    case 'PersistentVolumeClaim': return describePersistentVolumeClaim(api, obj, events, now);
    case 'StorageClass': return describeStorageClass(obj, events, now);
    case 'ServiceAccount': return describeServiceAccount(api, obj, events, now);
    case 'CertificateSigningRequest': return describeCertificateSigningRequest(obj, events, now);
    case 'PriorityClass': return describePriorityClass(obj, events, now);
    case 'PodDisruptionBudget': return describePodDisruptionBudget(obj, events, now);
    default: return describeGeneric(obj, events, now);
  }
}
