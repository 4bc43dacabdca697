// PodSecurity admission (Pod Security Standards) from namespace labels:
// pod-security.kubernetes.io/enforce rejects, warn and audit produce warnings. The checks and
// their texts follow k8s.io/pod-security-admission's policy package (baseline, restricted).

import type { KubeObject } from '../api/types';

type Level = 'privileged' | 'baseline' | 'restricted';
interface SecurityContext { privileged?: boolean; allowPrivilegeEscalation?: boolean; runAsNonRoot?: boolean; runAsUser?: number; capabilities?: { add?: string[]; drop?: string[] }; seccompProfile?: { type?: string } }
interface Container { name: string; securityContext?: SecurityContext; ports?: { hostPort?: number }[] }
interface PodSpec { containers?: Container[]; initContainers?: Container[]; hostNetwork?: boolean; hostPID?: boolean; hostIPC?: boolean; securityContext?: SecurityContext; volumes?: Record<string, unknown>[] }

const BASELINE_CAPS = ['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT'];
const RESTRICTED_VOLUMES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'];

const quoted = (names: string[]) => names.map((n) => `"${n}"`).join(', ');
const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

function podSpecOf(obj: KubeObject): PodSpec | undefined {
  if (obj.kind === 'Pod') return obj.spec as PodSpec;
  return (obj.spec as { template?: { spec?: PodSpec }; jobTemplate?: { spec?: { template?: { spec?: PodSpec } } } } | undefined)?.template?.spec
    ?? (obj.spec as { jobTemplate?: { spec?: { template?: { spec?: PodSpec } } } } | undefined)?.jobTemplate?.spec?.template?.spec;
}

function baseline(spec: PodSpec): string[] {
  const out: string[] = [];
  const all = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
  const host = [spec.hostNetwork && 'hostNetwork=true', spec.hostPID && 'hostPID=true', spec.hostIPC && 'hostIPC=true'].filter((x): x is string => Boolean(x));
  if (host.length) out.push(`host namespaces (${host.join(', ')})`);
  const priv = all.filter((c) => c.securityContext?.privileged).map((c) => c.name);
  if (priv.length) out.push(`privileged (${plural(priv.length, 'container', 'containers')} ${quoted(priv)} must not set securityContext.privileged=true)`);
  const caps = all.filter((c) => (c.securityContext?.capabilities?.add ?? []).some((a) => !BASELINE_CAPS.includes(a)));
  if (caps.length) {
    const added = [...new Set(caps.flatMap((c) => (c.securityContext?.capabilities?.add ?? []).filter((a) => !BASELINE_CAPS.includes(a))))];
    out.push(`non-default capabilities (${plural(caps.length, 'container', 'containers')} ${quoted(caps.map((c) => c.name))} must not include ${quoted(added)} in securityContext.capabilities.add)`);
  }
  const hostPath = (spec.volumes ?? []).filter((v) => 'hostPath' in v).map((v) => String(v.name));
  if (hostPath.length) out.push(`hostPath volumes (${plural(hostPath.length, 'volume', 'volumes')} ${quoted(hostPath)})`);
  const ports = all.filter((c) => (c.ports ?? []).some((p) => p.hostPort));
  if (ports.length) out.push(`hostPort (${plural(ports.length, 'container', 'containers')} ${quoted(ports.map((c) => c.name))} ${plural(ports.length, 'uses', 'use')} ${plural(ports.flatMap((c) => c.ports ?? []).filter((p) => p.hostPort).length, 'hostPort', 'hostPorts')} ${ports.flatMap((c) => (c.ports ?? []).filter((p) => p.hostPort).map((p) => p.hostPort)).join(', ')})`);
  return out;
}

function restricted(spec: PodSpec): string[] {
  const out = baseline(spec);
  const all = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
  const vols = (spec.volumes ?? []).filter((v) => !Object.keys(v).some((k) => RESTRICTED_VOLUMES.includes(k)) && !('hostPath' in v));
  if (vols.length) out.push(`restricted volume types (${plural(vols.length, 'volume', 'volumes')} ${quoted(vols.map((v) => String(v.name)))} ${plural(vols.length, 'uses', 'use')} restricted volume ${plural(vols.length, 'type', 'types')} ${quoted([...new Set(vols.flatMap((v) => Object.keys(v).filter((k) => k !== 'name')))])})`);
  const esc = all.filter((c) => c.securityContext?.allowPrivilegeEscalation !== false).map((c) => c.name);
  if (esc.length) out.push(`allowPrivilegeEscalation != false (${plural(esc.length, 'container', 'containers')} ${quoted(esc)} must set securityContext.allowPrivilegeEscalation=false)`);
  const drop = all.filter((c) => !(c.securityContext?.capabilities?.drop ?? []).includes('ALL')).map((c) => c.name);
  const addBad = all.filter((c) => (c.securityContext?.capabilities?.add ?? []).some((a) => a !== 'NET_BIND_SERVICE'));
  if (drop.length || addBad.length) {
    const parts = [];
    if (drop.length) parts.push(`${plural(drop.length, 'container', 'containers')} ${quoted(drop)} must set securityContext.capabilities.drop=["ALL"]`);
    if (addBad.length) parts.push(`${plural(addBad.length, 'container', 'containers')} ${quoted(addBad.map((c) => c.name))} must not include ${quoted([...new Set(addBad.flatMap((c) => (c.securityContext?.capabilities?.add ?? []).filter((a) => a !== 'NET_BIND_SERVICE')))])} in securityContext.capabilities.add`);
    out.push(`unrestricted capabilities (${parts.join('; ')})`);
  }
  const podNonRoot = spec.securityContext?.runAsNonRoot === true;
  const rootish = all.filter((c) => (c.securityContext?.runAsNonRoot ?? (podNonRoot ? true : undefined)) !== true).map((c) => c.name);
  if (rootish.length) out.push(`runAsNonRoot != true (pod or ${plural(rootish.length, 'container', 'containers')} ${quoted(rootish)} must set securityContext.runAsNonRoot=true)`);
  const podSeccomp = spec.securityContext?.seccompProfile?.type;
  const okSeccomp = (t?: string) => t === 'RuntimeDefault' || t === 'Localhost';
  const noSeccomp = all.filter((c) => !okSeccomp(c.securityContext?.seccompProfile?.type ?? podSeccomp)).map((c) => c.name);
  if (noSeccomp.length) out.push(`seccompProfile (pod or ${plural(noSeccomp.length, 'container', 'containers')} ${quoted(noSeccomp)} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")`);
  return out;
}

function violations(level: Level, spec: PodSpec): string[] {
  return level === 'restricted' ? restricted(spec) : level === 'baseline' ? baseline(spec) : [];
}

function levelOf(v: string | undefined): Level | undefined {
  return v === 'privileged' || v === 'baseline' || v === 'restricted' ? v : undefined;
}

export interface PodSecurityResult { denied?: string; warnings: string[] }

/** Evaluates a pod against its namespace's labels; `denied` is the Forbidden message's tail. */
export function evaluatePodSecurity(obj: KubeObject, namespaceLabels: Record<string, string> | undefined): PodSecurityResult {
  const spec = podSpecOf(obj);
  const labels = namespaceLabels ?? {};
  if (!spec) return { warnings: [] };
  const text = (mode: string, level: Level) => {
    const v = violations(level, spec);
    const version = labels[`pod-security.kubernetes.io/${mode}-version`] ?? 'latest';
    return v.length ? `violates PodSecurity "${level}:${version}": ${v.join(', ')}` : undefined;
  };
  const warnings: string[] = [];
  const enforce = levelOf(labels['pod-security.kubernetes.io/enforce']);
  const warn = levelOf(labels['pod-security.kubernetes.io/warn']);
  const enforced = enforce ? text('enforce', enforce) : undefined;
  // Pods are rejected; workload templates only draw a warning, for either label.
  const denied = obj.kind === 'Pod' ? enforced : undefined;
  if (enforced && !denied) warnings.push(`would ${enforced.replace(/^violates/, 'violate')}`);
  if (warn && !denied) {
    const w = text('warn', warn);
    if (w && !warnings.includes(`would ${w.replace(/^violates/, 'violate')}`)) warnings.push(`would ${w.replace(/^violates/, 'violate')}`);
  }
  return { denied, warnings };
}
