// The HorizontalPodAutoscaler controller (autoscaling/v2, CPU utilisation): every 15 s it
// reads the target's scale and its pods' CPU from the Metrics API, computes
// ceil(readyPods × utilisation / target) (within a 10 % tolerance), applies the default
// behaviour (scale up by max(100 %, 4 pods) per 15 s; scale down to the highest
// recommendation of the last 5 min) and min/max, and writes the scale, the status
// conditions and the events the real controller writes.

import type { KubeObject, Pod } from '../api/types';
import { matchesSelector } from '../api/labels';
import { recordEvent } from '../events';
import { metricsAvailability } from '../metrics/server';
import { podUsage } from '../metrics/usage';
import { milliCPU } from '../util/quantity';
import type { Cluster, World } from '../world';
import { isPodActive, isPodReady, typeOf, writeStatusIfChanged } from './util';

const SYNC_MS = 15_000;
const TOLERANCE = 0.1;
const DOWNSCALE_WINDOW_MS = 300_000;
const SOURCE = { component: 'horizontal-pod-autoscaler' };
const TARGET_PLURALS: Record<string, string> = { Deployment: 'deployments', ReplicaSet: 'replicasets', StatefulSet: 'statefulsets', ReplicationController: 'replicationcontrollers' };
const NO_METRICS_API = 'unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)';
const CPU_METRIC = 'cpu resource utilization (percentage of request)';

interface MetricSpec { type?: string; resource?: { name?: string; target?: { type?: string; averageUtilization?: number } } }
interface HpaSpec { scaleTargetRef: { apiVersion?: string; kind: string; name: string }; minReplicas?: number; maxReplicas: number; metrics?: MetricSpec[] }
interface Condition { type: string; status: 'True' | 'False'; lastTransitionTime: string; reason: string; message: string }
interface HpaStatus { lastScaleTime?: string; currentReplicas?: number; desiredReplicas?: number; currentMetrics?: unknown[]; conditions?: Condition[] }
type Hpa = KubeObject & { spec: HpaSpec; status?: HpaStatus };
type Scalable = KubeObject & { spec: { replicas?: number; selector?: { matchLabels?: Record<string, string>; matchExpressions?: [] } } };

/** The CPU utilisation target of an HPA (its first Resource/cpu/Utilization metric). */
export function cpuTarget(spec: HpaSpec): number | undefined {
  const m = (spec.metrics ?? []).find((x) => x.type === 'Resource' && x.resource?.name === 'cpu');
  return m?.resource?.target?.averageUtilization;
}

function setCondition(prev: Condition[] | undefined, now: string, type: string, status: 'True' | 'False', reason: string, message: string): Condition {
  const old = prev?.find((c) => c.type === type);
  return { type, status, lastTransitionTime: old && old.status === status ? old.lastTransitionTime : now, reason, message };
}

type Measured = { ok: true; utilization: number; averageMilli: number; readyPods: number } | { ok: false; error: string };

function measure(world: World, cluster: Cluster, pods: Pod[]): Measured {
  const api = cluster.api;
  if (metricsAvailability(api, world.clock.now) !== 'available') return { ok: false, error: `failed to get cpu utilization: ${NO_METRICS_API}` };
  let usage = 0;
  let requests = 0;
  let ready = 0;
  for (const p of pods) {
    for (const c of p.spec.containers) {
      if (!c.resources?.requests?.cpu) return { ok: false, error: `failed to get cpu utilization: missing request for cpu in container ${c.name} of Pod ${p.metadata.name}` };
    }
    if (!isPodReady(p)) continue;
    const u = podUsage(api, p, world.clock.now);
    if (!u) continue;
    ready++;
    usage += u.total.cpuMilli;
    requests += p.spec.containers.reduce((s, c) => s + milliCPU(c.resources?.requests?.cpu), 0);
  }
  if (!ready || !requests) return { ok: false, error: `failed to get cpu utilization: ${ready ? 'no metrics returned matched known pods' : 'did not receive metrics for targeted pods (pods might be unready)'}` };
  return { ok: true, utilization: Math.floor((usage * 100) / requests), averageMilli: Math.floor(usage / ready), readyPods: ready };
}

function syncOne(world: World, cluster: Cluster, hpa: Hpa): void {
  const api = cluster.api;
  const now = world.clock.iso();
  const key = `${hpa.metadata.namespace}/${hpa.metadata.name}`;
  const memory = ((cluster.state.hpa ??= {})[key] ??= { recommendations: [] });
  const prev = hpa.status?.conditions;
  const ref = hpa.spec.scaleTargetRef;
  const plural = TARGET_PLURALS[ref.kind];
  const target = plural ? api.tryGet<Scalable>(typeOf(cluster, plural), hpa.metadata.namespace, ref.name) : undefined;
  const status: HpaStatus = { ...(hpa.status ?? {}), currentMetrics: hpa.status?.currentMetrics ?? null } as HpaStatus;
  if (!target || !plural) {
    const msg = `${plural ?? ref.kind.toLowerCase() + 's'}/scale${plural && plural !== 'replicationcontrollers' ? '.apps' : ''} "${ref.name}" not found`;
    recordEvent(world, cluster, hpa, 'Warning', 'FailedGetScale', msg, SOURCE);
    status.currentReplicas = status.currentReplicas ?? 0;
    status.desiredReplicas = status.desiredReplicas ?? 0;
    status.conditions = [setCondition(prev, now, 'AbleToScale', 'False', 'FailedGetScale', `the HPA controller was unable to get the target's current scale: ${msg}`)];
    writeStatusIfChanged(cluster, hpa, status);
    return;
  }
  const current = target.spec.replicas ?? 1;
  const min = hpa.spec.minReplicas ?? 1;
  const max = hpa.spec.maxReplicas;
  const pods = api.list<Pod>(typeOf(cluster, 'pods'), hpa.metadata.namespace).filter((p) => isPodActive(p) && matchesSelector(target.spec.selector, p.metadata.labels));
  const targetUtil = cpuTarget(hpa.spec) ?? 80;
  let desired = current;
  let reason = '';
  const conditions: Condition[] = [];
  let ableReason: [string, string] = ['ReadyForNewScale', 'recommended size matches current size'];
  if (current === 0) {
    // Autoscaling is off while the target is scaled to zero.
    conditions.push(setCondition(prev, now, 'AbleToScale', 'True', 'SucceededGetScale', "the HPA controller was able to get the target's current scale"));
    conditions.push(setCondition(prev, now, 'ScalingActive', 'False', 'ScalingDisabled', 'scaling is disabled since the replica count of the target is zero'));
    status.currentReplicas = 0;
    status.desiredReplicas = 0;
    status.conditions = conditions;
    writeStatusIfChanged(cluster, hpa, status);
    return;
  }
  const m = measure(world, cluster, pods);
  if (!m.ok) {
    recordEvent(world, cluster, hpa, 'Warning', 'FailedGetResourceMetric', m.error, SOURCE);
    recordEvent(world, cluster, hpa, 'Warning', 'FailedComputeMetricsReplicas', `invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: ${m.error}`, SOURCE);
    status.currentReplicas = current;
    status.desiredReplicas = status.desiredReplicas ?? current;
    status.currentMetrics = null as unknown as unknown[];
    status.conditions = [
      setCondition(prev, now, 'AbleToScale', 'True', 'SucceededGetScale', "the HPA controller was able to get the target's current scale"),
      setCondition(prev, now, 'ScalingActive', 'False', 'FailedGetResourceMetric', `the HPA was unable to compute the replica count: ${m.error}`),
    ];
    writeStatusIfChanged(cluster, hpa, status);
    return;
  }
  const ratio = m.utilization / targetUtil;
  let proposal = Math.abs(ratio - 1) <= TOLERANCE ? current : Math.ceil(ratio * m.readyPods);
  if (proposal > current && m.readyPods < current && Math.abs(ratio - 1) > TOLERANCE) proposal = Math.max(current, proposal);
  const t = world.clock.now;
  memory.recommendations = memory.recommendations.filter((r) => t - r.at < DOWNSCALE_WINDOW_MS);
  memory.recommendations.push({ at: t, replicas: proposal });
  desired = proposal;
  if (desired < current) {
    const stabilized = Math.max(...memory.recommendations.map((r) => r.replicas));
    if (stabilized > desired) {
      desired = Math.min(current, stabilized);
      if (desired === current) ableReason = ['ScaleDownStabilized', 'recent recommendations were higher than current one, applying the highest recent recommendation'];
    }
  }
  if (desired > current) desired = Math.min(desired, Math.max(current * 2, current + 4));
  let limited: [string, string, 'True' | 'False'] = ['DesiredWithinRange', 'the desired count is within the acceptable range', 'False'];
  if (desired > max) { desired = max; limited = ['TooManyReplicas', 'the desired replica count is more than the maximum replica count', 'True']; }
  if (desired < min) { desired = min; limited = ['TooFewReplicas', 'the desired replica count is less than the minimum replica count', 'True']; }
  if (current < min) reason = 'Current number of replicas below Spec.MinReplicas';
  else if (current > max) reason = 'Current number of replicas above Spec.MaxReplicas';
  else if (desired > current) reason = `${CPU_METRIC} above target`;
  else if (desired < current) reason = 'All metrics below target';
  if (desired !== current) {
    try {
      api.update({ ...target, spec: { ...target.spec, replicas: desired } });
      recordEvent(world, cluster, hpa, 'Normal', 'SuccessfulRescale', `New size: ${desired}; reason: ${reason}`, SOURCE);
      status.lastScaleTime = now;
      ableReason = ['SucceededRescale', `the HPA controller was able to update the target scale to ${desired}`];
    } catch (e) {
      recordEvent(world, cluster, hpa, 'Warning', 'FailedRescale', `New size: ${desired}; reason: ${reason}; error: ${(e as Error).message}`, SOURCE);
      desired = current;
    }
  }
  status.currentReplicas = current;
  status.desiredReplicas = desired;
  status.currentMetrics = [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: m.utilization, averageValue: `${m.averageMilli}m` } } }];
  status.conditions = [
    setCondition(prev, now, 'AbleToScale', 'True', ableReason[0], ableReason[1]),
    setCondition(prev, now, 'ScalingActive', 'True', 'ValidMetricFound', `the HPA was able to successfully calculate a replica count from ${CPU_METRIC}`),
    setCondition(prev, now, 'ScalingLimited', limited[2], limited[0], limited[1]),
  ];
  writeStatusIfChanged(cluster, hpa, status);
}

/** Runs every controller pass: each HPA syncs when its 15 s period has come round. */
export function syncHorizontalPodAutoscalers(world: World, cluster: Cluster): void {
  const type = cluster.api.lookup('horizontalpodautoscalers');
  if (!type) return;
  const hpas = cluster.api.list<Hpa>(type);
  const memory = (cluster.state.hpa ??= {});
  const live = new Set<string>();
  for (const hpa of hpas) {
    const key = `${hpa.metadata.namespace}/${hpa.metadata.name}`;
    live.add(key);
    const m = (memory[key] ??= { recommendations: [] });
    // A new or re-created HPA syncs at once; then every SYNC_MS.
    if (m.uid !== hpa.metadata.uid) Object.assign(m, { uid: hpa.metadata.uid, nextSync: world.clock.now, recommendations: [] });
    if (world.clock.now < (m.nextSync ?? 0)) continue;
    m.nextSync = world.clock.now + SYNC_MS;
    world.clock.schedule(SYNC_MS, 'hpa.sync', `${cluster.name}/${key}`);
    syncOne(world, cluster, hpa);
  }
  for (const key of Object.keys(memory)) if (!live.has(key)) delete memory[key];
}
