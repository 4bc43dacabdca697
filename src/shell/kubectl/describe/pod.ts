// kubectl describe pod, section by section as describePod writes it.

import type { Container, ContainerState, ContainerStatus, Pod, Toleration } from '../../../engine/api/types';
import { age } from '../printers/table';
import { DescribeWriter, controllerOf, rfc1123z, writeAnnotations, writeLabels } from './writer';
import { writeEvents } from './events';
import type { KubeEvent } from '../../../engine/api/types';

type Json = Record<string, unknown>;

export function describePod(pod: Pod, events: KubeEvent[] | undefined, now: number): string {
  const w = new DescribeWriter();
  const spec = pod.spec;
  const status = pod.status ?? {};
  w.line(0, 'Name:', pod.metadata.name ?? '');
  w.line(0, 'Namespace:', pod.metadata.namespace ?? '');
  if (spec.priority !== undefined) w.line(0, 'Priority:', String(spec.priority));
  if (spec.priorityClassName) w.line(0, 'Priority Class Name:', String(spec.priorityClassName));
  if (spec.runtimeClassName) w.line(0, 'Runtime Class Name:', String(spec.runtimeClassName));
  if (spec.serviceAccountName) w.line(0, 'Service Account:', spec.serviceAccountName);
  w.line(0, 'Node:', spec.nodeName ? `${spec.nodeName}/${status.hostIP ?? ''}` : '<none>');
  if (status.startTime) w.line(0, 'Start Time:', rfc1123z(status.startTime));
  writeLabels(w, 'Labels', pod.metadata.labels);
  writeAnnotations(w, 'Annotations', pod.metadata.annotations);
  if (pod.metadata.deletionTimestamp && status.phase !== 'Failed' && status.phase !== 'Succeeded') {
    w.line(0, 'Status:', `Terminating (lasts ${age(pod.metadata.deletionTimestamp, now)})`);
    w.line(0, 'Termination Grace Period:', `${pod.metadata.deletionGracePeriodSeconds ?? 0}s`);
  } else w.line(0, 'Status:', status.phase ?? '');
  if (status.reason) w.line(0, 'Reason:', status.reason);
  if (status.message) w.line(0, 'Message:', status.message);
  w.line(0, 'IP:', status.podIP ?? '');
  if (status.podIPs?.length) {
    w.write(0, 'IPs:\n');
    for (const ip of status.podIPs) w.line(1, 'IP:', ip.ip);
  } else w.line(0, 'IPs:', '<none>');
  const controlledBy = controllerOf(pod);
  if (controlledBy) w.line(0, 'Controlled By:', controlledBy);
  if (status.nominatedNodeName) w.line(0, 'NominatedNodeName:', status.nominatedNodeName);
  if (spec.initContainers?.length) writeContainers(w, 'Init Containers', spec.initContainers, status.initContainerStatuses ?? []);
  writeContainers(w, 'Containers', spec.containers ?? [], status.containerStatuses ?? []);
  // kubectl debug's containers, described like the others.
  const ephemeral = (spec.ephemeralContainers ?? []) as Container[];
  if (ephemeral.length) writeContainers(w, 'Ephemeral Containers', ephemeral, (status.ephemeralContainerStatuses ?? []) as ContainerStatus[]);
  if (status.conditions?.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\n');
    for (const c of status.conditions) w.write(1, `${c.type} \t${c.status} \n`);
  }
  writeVolumes(w, (spec.volumes ?? []) as Json[]);
  w.line(0, 'QoS Class:', status.qosClass ?? qosClass(pod));
  writeLabels(w, 'Node-Selectors', spec.nodeSelector);
  writeTolerations(w, spec.tolerations ?? []);
  if (events) writeEvents(w, events, now);
  return w.toString();
}

export function writeContainers(w: DescribeWriter, label: string, containers: Container[], statuses: ContainerStatus[] | undefined, space = ''): void {
  if (!containers.length) { w.write(0, `${space}${label}: <none>\n`); return; }
  w.write(0, `${space}${label}:\n`);
  for (const c of containers) {
    const st = statuses?.find((s) => s.name === c.name);
    w.write(1, `${space ? ' ' : ''}${c.name}:\n`);
    if (st) w.line(2, 'Container ID:', st.containerID ?? '');
    w.line(2, 'Image:', c.image ?? '');
    if (st) w.line(2, 'Image ID:', st.imageID ?? '');
    const ports = (c.ports ?? []).map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`).join(',');
    const hostPorts = (c.ports ?? []).map((p) => `${p.hostPort ?? 0}/${p.protocol ?? 'TCP'}`).join(',');
    w.line(2, ports.includes(',') ? 'Ports:' : 'Port:', ports || '<none>');
    w.line(2, hostPorts.includes(',') ? 'Host Ports:' : 'Host Port:', hostPorts || '<none>');
    if (c.restartPolicy) w.line(2, 'Restart Policy:', c.restartPolicy);
    if (c.command?.length) { w.write(2, 'Command:\n'); for (const x of c.command) for (const s of String(x).split('\n')) w.write(3, `${s}\n`); }
    if (c.args?.length) { w.write(2, 'Args:\n'); for (const x of c.args) for (const s of String(x).split('\n')) w.write(3, `${s}\n`); }
    if (st) {
      writeState(w, 'State', st.state ?? {});
      if (st.lastState?.terminated) writeState(w, 'Last State', st.lastState);
      w.line(2, 'Ready:', st.ready ? 'True' : 'False');
      w.line(2, 'Restart Count:', String(st.restartCount ?? 0));
    }
    writeResources(w, c.resources);
    writeProbe(w, 'Liveness', c.livenessProbe as Json | undefined);
    writeProbe(w, 'Readiness', c.readinessProbe as Json | undefined);
    writeProbe(w, 'Startup', c.startupProbe as Json | undefined);
    writeEnv(w, c);
    const mounts = [...(c.volumeMounts ?? [])].sort((a, b) => (a.mountPath < b.mountPath ? -1 : 1));
    w.write(2, `Mounts:${mounts.length ? '' : '\t<none>'}\n`);
    for (const m of mounts) {
      const flags = [m.readOnly ? 'ro' : 'rw'];
      const sub = (m as Json).subPath;
      if (sub) flags.push(`path=${JSON.stringify(sub)}`);
      w.write(3, `${m.mountPath} from ${m.name} (${flags.join(',')})\n`);
    }
  }
}

function writeState(w: DescribeWriter, name: string, s: ContainerState): void {
  if (s.running) {
    w.line(2, `${name}:`, 'Running');
    w.line(3, 'Started:', rfc1123z(s.running.startedAt));
  } else if (s.waiting) {
    w.line(2, `${name}:`, 'Waiting');
    if (s.waiting.reason) w.line(3, 'Reason:', s.waiting.reason);
  } else if (s.terminated) {
    const t = s.terminated;
    w.line(2, `${name}:`, 'Terminated');
    if (t.reason) w.line(3, 'Reason:', t.reason);
    if (t.message) w.line(3, 'Message:', t.message);
    w.line(3, 'Exit Code:', String(t.exitCode));
    w.line(3, 'Started:', rfc1123z(t.startedAt));
    w.line(3, 'Finished:', rfc1123z(t.finishedAt));
  } else w.line(2, `${name}:`, 'Waiting');
}

function writeResources(w: DescribeWriter, r: Container['resources']): void {
  const section = (title: string, list: Record<string, string | undefined> | undefined) => {
    const keys = Object.keys(list ?? {}).sort();
    if (!keys.length) return;
    w.write(2, `${title}:\n`);
    for (const k of keys) w.line(3, `${k}:`, String((list as Record<string, string>)[k]));
  };
  section('Limits', r?.limits);
  section('Requests', r?.requests);
}

function writeProbe(w: DescribeWriter, title: string, p: Json | undefined): void {
  if (!p) return;
  const attrs = `delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 1}s period=${p.periodSeconds ?? 10}s #success=${p.successThreshold ?? 1} #failure=${p.failureThreshold ?? 3}`;
  let action = 'unknown';
  const http = p.httpGet as Json | undefined;
  const tcp = p.tcpSocket as Json | undefined;
  const exec = p.exec as { command?: string[] } | undefined;
  if (http) action = `http-get ${String(http.scheme ?? 'HTTP').toLowerCase()}://${http.host ?? ''}:${http.port}${http.path ?? ''}`;
  else if (tcp) action = `tcp-socket ${tcp.host ?? ''}:${tcp.port}`;
  else if (exec) action = `exec [${(exec.command ?? []).join(' ')}]`;
  else if (p.grpc) action = `grpc <pod>:${(p.grpc as Json).port} ${(p.grpc as Json).service ?? ''}`;
  w.line(2, `${title}:`, `${action} ${attrs}`);
}

function writeEnv(w: DescribeWriter, c: Container): void {
  const envFrom = (c.envFrom ?? []) as Json[];
  if (envFrom.length) {
    w.write(2, 'Environment Variables from:\n');
    for (const e of envFrom) {
      const cm = e.configMapRef as Json | undefined;
      const sec = e.secretRef as Json | undefined;
      const ref = (cm ?? sec ?? {}) as Json;
      const kind = cm ? 'ConfigMap' : 'Secret';
      const prefix = e.prefix ? ` with prefix '${e.prefix}'` : '';
      w.write(3, `${ref.name}\t${kind}${prefix}\tOptional: ${ref.optional === true}\n`);
    }
  }
  const env = c.env ?? [];
  w.write(2, `Environment:${env.length ? '' : '\t<none>'}\n`);
  for (const e of env) {
    if (!e.valueFrom) {
      (e.value ?? '').split('\n').forEach((s, i) => w.write(3, i === 0 ? `${e.name}:\t${s}\n` : `\t${s}\n`));
      continue;
    }
    const vf = e.valueFrom as Json;
    const fr = vf.fieldRef as Json | undefined;
    const rr = vf.resourceFieldRef as Json | undefined;
    const sk = vf.secretKeyRef as Json | undefined;
    const ck = vf.configMapKeyRef as Json | undefined;
    if (fr) w.write(3, `${e.name}:\t (${fr.apiVersion ?? 'v1'}:${fr.fieldPath})\n`);
    else if (rr) w.write(3, `${e.name}:\t${rr.resource}\n`);
    else if (sk) w.write(3, `${e.name}:\t<set to the key '${sk.key}' in secret '${sk.name}'>\tOptional: ${sk.optional === true}\n`);
    else if (ck) w.write(3, `${e.name}:\t<set to the key '${ck.key}' of config map '${ck.name}'>\tOptional: ${ck.optional === true}\n`);
  }
}

export function writeVolumes(w: DescribeWriter, volumes: Json[], space = ''): void {
  if (!volumes.length) { w.write(0, `${space}Volumes:\t<none>\n`); return; }
  w.write(0, `${space}Volumes:\n`);
  for (const v of volumes) {
    w.write(1, `${space ? ' ' : ''}${v.name}:\n`);
    const hp = v.hostPath as Json | undefined;
    const ed = v.emptyDir as Json | undefined;
    const sec = v.secret as Json | undefined;
    const cm = v.configMap as Json | undefined;
    const pvc = v.persistentVolumeClaim as Json | undefined;
    const proj = v.projected as { sources?: Json[] } | undefined;
    if (hp) w.write(2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${hp.path}\n    HostPathType:\t${hp.type || '<none>'}\n`);
    else if (ed) w.write(2, `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${ed.medium ?? ''}\n    SizeLimit:\t${ed.sizeLimit ?? '<unset>'}\n`);
    else if (sec) w.write(2, `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${sec.secretName}\n    Optional:\t${sec.optional === true}\n`);
    else if (cm) w.write(2, `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${cm.name}\n    Optional:\t${cm.optional === true}\n`);
    else if (pvc) w.write(2, `Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t${pvc.claimName}\n    ReadOnly:\t${pvc.readOnly === true}\n`);
    else if (proj) {
      w.write(2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
      for (const s of proj.sources ?? []) {
        const ps = s.secret as Json | undefined;
        const pcm = s.configMap as Json | undefined;
        const tok = s.serviceAccountToken as Json | undefined;
        if (ps) w.write(2, `SecretName:\t${ps.name}\n    SecretOptionalName:\t${ps.optional ?? '<nil>'}\n`);
        else if (s.downwardAPI) w.write(2, 'DownwardAPI:\ttrue\n');
        else if (pcm) w.write(2, `ConfigMapName:\t${pcm.name}\n    Optional:\t${pcm.optional === true}\n`);
        else if (tok) w.write(2, `TokenExpirationSeconds:\t${tok.expirationSeconds ?? 3607}\n`);
      }
    } else if (v.ephemeral) writeEphemeralVolume(w, v.ephemeral as Json);
    else w.write(1, '<unknown>\n');
  }
}

/**
 * printEphemeralVolumeSource: the claim template as a nested PVC. kubectl's nested writer
 * re-indents every write, so label and annotation values carry four extra spaces, as it prints them.
 */
function writeEphemeralVolume(w: DescribeWriter, eph: Json): void {
  w.write(2, 'Type:\tEphemeralVolume (an inline specification for a volume that gets created and deleted with the pod)\n');
  const tpl = eph.volumeClaimTemplate as { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: Json } | undefined;
  if (!tpl) return;
  const spec = tpl.spec ?? {};
  w.write(2, `StorageClass:\t${(spec.storageClassName as string | undefined) ?? ''}\n`);
  w.write(2, `Volume:\t${(spec.volumeName as string | undefined) ?? ''}\n`);
  for (const [title, map] of [['Labels', tpl.metadata?.labels], ['Annotations', tpl.metadata?.annotations]] as const) {
    const keys = Object.keys(map ?? {}).filter((k) => k !== 'kubectl.kubernetes.io/last-applied-configuration').sort();
    if (!keys.length) { w.write(2, `${title}:\t    <none>\n`); continue; }
    const sep = title === 'Labels' ? '=' : ': ';
    keys.forEach((k, i) => w.write(2, `${i ? '    \t' : `${title}:\t`}    ${k}${sep}${(map as Record<string, string>)[k]}\n`));
  }
  w.write(2, 'Capacity:\t\n');
  w.write(2, 'Access Modes:\t\n');
  if (spec.volumeMode) w.write(2, `VolumeMode:\t${spec.volumeMode as string}\n`);
}

export function writeTolerations(w: DescribeWriter, tolerations: Toleration[], title = 'Tolerations'): void {
  w.write(0, `${title}:\t`);
  if (!tolerations.length) { w.write(0, '<none>\n'); return; }
  const sorted = [...tolerations].sort((a, b) => ((a.key ?? '') < (b.key ?? '') ? -1 : (a.key ?? '') > (b.key ?? '') ? 1 : 0));
  sorted.forEach((t, i) => {
    let s = i ? '\t' : '';
    s += t.key ?? '';
    if (t.value) s += `=${t.value}`;
    if (t.effect) s += `:${t.effect}`;
    if (t.operator === 'Exists' && !t.value) s += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined) s += ` for ${t.tolerationSeconds}s`;
    w.write(0, s + '\n');
  });
}

/** The pod's QoS class as the API server computes it when status does not carry it. */
export function qosClass(pod: Pod): string {
  const containers = [...(pod.spec.containers ?? []), ...(pod.spec.initContainers ?? [])];
  let any = false;
  let guaranteed = true;
  for (const c of containers) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    if (Object.keys(req).length || Object.keys(lim).length) any = true;
    for (const r of ['cpu', 'memory']) {
      if (!lim[r]) guaranteed = false;
      else if (req[r] && req[r] !== lim[r]) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
