// NGINX Gateway Fabric's status reporting (1.x, static mode), run by its ready controller
// pod: the GatewayClass it owns is Accepted; the one Gateway of that class is Accepted and
// Programmed with the nginx-gateway Service's address and each listener's attachedRoutes;
// every HTTPRoute/GRPCRoute naming it gets a parents[] entry (Accepted, ResolvedRefs, with
// BackendNotFound for a missing backend Service). Routing itself is the network's job.

import type { ResourceType } from '../api/resources';
import type { KubeObject, Pod, Service } from '../api/types';
import type { Cluster, World } from '../world';

const GROUP = 'gateway.networking.k8s.io';

interface Condition { type: string; status: 'True' | 'False'; reason: string; message: string; observedGeneration?: number; lastTransitionTime?: string }
interface ParentRef { group?: string; kind?: string; name: string; namespace?: string; sectionName?: string; port?: number }
interface Listener { name: string; port: number; protocol: string; hostname?: string; allowedRoutes?: { namespaces?: { from?: string } } }
type Gateway = KubeObject & { spec: { gatewayClassName: string; listeners: Listener[] } };
type Route = KubeObject & { spec: { parentRefs?: ParentRef[]; rules?: { backendRefs?: { group?: string; kind?: string; name: string; namespace?: string }[] }[] } };

function flag(p: Pod, name: string): string | undefined {
  for (const c of p.spec.containers) for (const a of c.args ?? []) if (a.startsWith(`--${name}=`)) return a.slice(name.length + 3);
  return undefined;
}

function ready(p: Pod): boolean {
  return p.status?.phase === 'Running' && !p.metadata.deletionTimestamp && Boolean(p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
}

/** Conditions with lastTransitionTime kept from the previous status when the status did not flip. */
function stamp(conds: Condition[], prev: Condition[] | undefined, now: string, generation: number | undefined): Condition[] {
  return conds.map((c) => {
    const old = prev?.find((p) => p.type === c.type);
    return { lastTransitionTime: old && old.status === c.status ? old.lastTransitionTime : now, message: c.message, observedGeneration: generation, reason: c.reason, status: c.status, type: c.type };
  });
}

function writeStatus(cluster: Cluster, obj: KubeObject, status: Record<string, unknown>): void {
  if (JSON.stringify(status) === JSON.stringify(obj.status)) return;
  cluster.api.updateStatus({ ...obj, status });
}

/** One pass of every NGF controller found running in the cluster. */
export function syncGateways(world: World, cluster: Cluster): void {
  const api = cluster.api;
  const gcType = api.lookup(`gatewayclasses.${GROUP}`);
  const gwType = api.lookup(`gateways.${GROUP}`);
  if (!gcType || !gwType) return;
  const controllers = api.list<Pod>(api.lookup('pods') as ResourceType).filter((p) => ready(p) && flag(p, 'gateway-ctlr-name'));
  const now = world.clock.iso();
  for (const pod of controllers.slice(0, 1)) {
    const controllerName = flag(pod, 'gateway-ctlr-name') as string;
    const className = flag(pod, 'gatewayclass') ?? '';
    const gc = api.tryGet(gcType, undefined, className);
    if (!gc || (gc.spec as { controllerName?: string }).controllerName !== controllerName) continue;
    const prevGc = (gc.status as { conditions?: Condition[] } | undefined)?.conditions;
    writeStatus(cluster, gc, { conditions: stamp([
      { type: 'Accepted', status: 'True', reason: 'Accepted', message: 'GatewayClass is accepted' },
      { type: 'SupportedVersion', status: 'True', reason: 'SupportedVersion', message: 'Gateway API CRD versions are supported' },
    ], prevGc, now, gc.metadata.generation) });
    const svcName = flag(pod, 'service') ?? 'nginx-gateway';
    const svc = api.tryGet<Service>(api.lookup('services') as ResourceType, pod.metadata.namespace, svcName);
    syncClassGateways(cluster, gwType, className, controllerName, svc, now);
  }
}

function syncClassGateways(cluster: Cluster, gwType: ResourceType, className: string, controllerName: string, svc: Service | undefined, now: string): void {
  const api = cluster.api;
  const gateways = api.list<Gateway>(gwType).filter((g) => g.spec.gatewayClassName === className && !g.metadata.deletionTimestamp);
  // NGF 1.x programs one Gateway per class: the oldest wins, the others are ignored with a conflict.
  gateways.sort((a, b) => (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '') || (`${a.metadata.namespace}/${a.metadata.name}` < `${b.metadata.namespace}/${b.metadata.name}` ? -1 : 1));
  const [winner, ...losers] = gateways;
  for (const g of losers) {
    const prev = (g.status as { conditions?: Condition[] } | undefined)?.conditions;
    const msg = 'The resource is ignored due to a conflicting Gateway resource';
    writeStatus(cluster, g, { conditions: stamp([
      { type: 'Accepted', status: 'False', reason: 'GatewayConflict', message: msg },
      { type: 'Programmed', status: 'False', reason: 'GatewayConflict', message: msg },
    ], prev, now, g.metadata.generation) });
  }
  const routes: Route[] = [];
  for (const plural of ['httproutes', 'grpcroutes']) {
    const t = api.lookup(`${plural}.${GROUP}`);
    if (t) routes.push(...api.list<Route>(t));
  }
  const attached = new Map<string, number>();
  for (const route of routes) syncRoute(cluster, route, winner, controllerName, attached, now);
  if (!winner) return;
  const prev = winner.status as { conditions?: Condition[]; listeners?: { name: string; conditions?: Condition[] }[] } | undefined;
  const gen = winner.metadata.generation;
  const address = svc?.spec.clusterIP && svc.spec.clusterIP !== 'None' ? [{ type: 'IPAddress', value: svc.spec.clusterIP }] : [];
  writeStatus(cluster, winner, {
    addresses: address,
    conditions: stamp([
      { type: 'Accepted', status: 'True', reason: 'Accepted', message: 'Gateway is accepted' },
      { type: 'Programmed', status: 'True', reason: 'Programmed', message: 'Gateway is programmed' },
    ], prev?.conditions, now, gen),
    listeners: winner.spec.listeners.map((l) => ({
      attachedRoutes: attached.get(l.name) ?? 0,
      conditions: stamp([
        { type: 'Accepted', status: 'True', reason: 'Accepted', message: 'Listener is accepted' },
        { type: 'Programmed', status: 'True', reason: 'Programmed', message: 'Listener is programmed' },
        { type: 'ResolvedRefs', status: 'True', reason: 'ResolvedRefs', message: 'All references are resolved' },
        { type: 'Conflicted', status: 'False', reason: 'NoConflicts', message: 'No conflicts' },
      ], prev?.listeners?.find((p) => p.name === l.name)?.conditions, now, gen),
      name: l.name,
      supportedKinds: l.protocol === 'HTTP' || l.protocol === 'HTTPS' ? [{ group: GROUP, kind: 'HTTPRoute' }, { group: GROUP, kind: 'GRPCRoute' }] : [],
    })),
  });
}

function syncRoute(cluster: Cluster, route: Route, gw: Gateway | undefined, controllerName: string, attached: Map<string, number>, now: string): void {
  const ns = route.metadata.namespace ?? 'default';
  const prevParents = ((route.status as { parents?: { parentRef: ParentRef; controllerName: string; conditions?: Condition[] }[] } | undefined)?.parents ?? []);
  const others = prevParents.filter((p) => p.controllerName !== controllerName);
  const mine = [];
  for (const ref of route.spec.parentRefs ?? []) {
    if ((ref.group ?? GROUP) !== GROUP || (ref.kind ?? 'Gateway') !== 'Gateway') continue;
    if (!gw || ref.name !== gw.metadata.name || (ref.namespace ?? ns) !== gw.metadata.namespace) continue;
    const listeners = gw.spec.listeners.filter((l) => (!ref.sectionName || l.name === ref.sectionName) && (!ref.port || l.port === ref.port));
    const allowed = listeners.filter((l) => {
      const from = l.allowedRoutes?.namespaces?.from ?? 'Same';
      return from === 'All' || (from === 'Same' && ns === gw.metadata.namespace);
    });
    const conds: Condition[] = [];
    if (!listeners.length) conds.push({ type: 'Accepted', status: 'False', reason: 'NoMatchingParent', message: 'No matching parent' });
    else if (!allowed.length) conds.push({ type: 'Accepted', status: 'False', reason: 'NotAllowedByListeners', message: 'Route is not allowed by any listener' });
    else {
      conds.push({ type: 'Accepted', status: 'True', reason: 'Accepted', message: 'The route is accepted' });
      for (const l of allowed) attached.set(l.name, (attached.get(l.name) ?? 0) + 1);
    }
    conds.push(resolvedRefs(cluster, route));
    const prev = prevParents.find((p) => p.controllerName === controllerName && JSON.stringify(p.parentRef) === JSON.stringify(ref))?.conditions;
    mine.push({ conditions: stamp(conds, prev, now, route.metadata.generation), controllerName, parentRef: { ...ref, namespace: ref.namespace ?? ns } });
  }
  if (!mine.length && !prevParents.length) return;
  writeStatus(cluster, route, { parents: [...others, ...mine] });
}

function resolvedRefs(cluster: Cluster, route: Route): Condition {
  const api = cluster.api;
  const svcType = api.lookup('services') as ResourceType;
  const ns = route.metadata.namespace ?? 'default';
  for (const [i, rule] of (route.spec.rules ?? []).entries()) {
    for (const [j, b] of (rule.backendRefs ?? []).entries()) {
      if ((b.group ?? '') !== '' || (b.kind ?? 'Service') !== 'Service') {
        return { type: 'ResolvedRefs', status: 'False', reason: 'InvalidKind', message: `spec.rules[${i}].backendRefs[${j}].kind: Unsupported value: "${b.kind}": supported values: "Service"` };
      }
      if (b.namespace && b.namespace !== ns) {
        return { type: 'ResolvedRefs', status: 'False', reason: 'RefNotPermitted', message: `spec.rules[${i}].backendRefs[${j}].namespace: Forbidden: Backend ref to Service ${b.namespace}/${b.name} not permitted by any ReferenceGrant` };
      }
      if (!api.tryGet(svcType, ns, b.name)) {
        return { type: 'ResolvedRefs', status: 'False', reason: 'BackendNotFound', message: `spec.rules[${i}].backendRefs[${j}].name: Not found: "${b.name}"` };
      }
    }
  }
  return { type: 'ResolvedRefs', status: 'True', reason: 'ResolvedRefs', message: 'All references are resolved' };
}
