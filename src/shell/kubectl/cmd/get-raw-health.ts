// kube-apiserver's health endpoints as `kubectl get --raw` sees them: /healthz, /livez and
// /readyz answer "ok"; ?verbose lists every check ("[+]name ok") and ends "<endpoint> check
// passed"; ?exclude=NAME leaves a check out; /livez/NAME asks one check. A server that answers
// at all is healthy here: when etcd or the apiserver is down kubectl cannot connect.

import { ApiError } from '../../../engine/api/errors';

/** The post-start hooks a v1.35 kube-apiserver registers, in the order it reports them. */
const POST_START_HOOKS = [
  'start-apiserver-admission-initializer', 'generic-apiserver-start-informers', 'priority-and-fairness-config-consumer',
  'priority-and-fairness-filter', 'storage-object-count-tracker-hook', 'start-apiextensions-informers',
  'start-apiextensions-controllers', 'crd-informer-synced', 'start-system-namespaces-controller',
  'start-cluster-authentication-info-controller', 'start-kube-apiserver-identity-lease-controller',
  'start-kube-apiserver-identity-lease-garbage-collector', 'start-legacy-token-tracking-controller',
  'start-service-ip-repair-controllers', 'rbac/bootstrap-roles', 'scheduling/bootstrap-system-priority-classes',
  'priority-and-fairness-config-producer', 'bootstrap-controller', 'start-kubernetes-service-cidr-controller',
  'aggregator-reload-proxy-client-cert', 'start-kube-aggregator-informers', 'apiservice-status-local-available-controller',
  'apiservice-status-remote-available-controller', 'apiservice-registration-controller', 'apiservice-discovery-controller',
  'kube-apiserver-autoregistration',
].map((h) => `poststarthook/${h}`);

const CHECKS: Record<string, string[]> = {
  healthz: ['ping', 'log', 'etcd', ...POST_START_HOOKS, 'autoregister-completion', 'poststarthook/apiservice-openapi-controller', 'poststarthook/apiservice-openapiv3-controller'],
  livez: ['ping', 'log', 'etcd', ...POST_START_HOOKS, 'autoregister-completion', 'poststarthook/apiservice-openapi-controller', 'poststarthook/apiservice-openapiv3-controller'],
  readyz: ['ping', 'log', 'etcd', 'etcd-readiness', 'informer-sync', ...POST_START_HOOKS, 'autoregister-completion', 'poststarthook/apiservice-openapi-controller', 'poststarthook/apiservice-openapiv3-controller', 'shutdown'],
};

/** The body for a health path, undefined when `path` is not one. */
export function apiServerHealthChecks(path: string, params: URLSearchParams): string | undefined {
  const m = /^\/(healthz|livez|readyz)(?:\/(.+?))?\/?$/.exec(path);
  if (!m) return undefined;
  const endpoint = m[1] as string;
  const checks = CHECKS[endpoint] as string[];
  const one = m[2];
  if (one) {
    if (!checks.includes(one)) throw new ApiError('NotFound', 'the server could not find the requested resource');
    return 'ok';
  }
  if (!params.has('verbose')) return 'ok';
  const excluded = new Set(params.getAll('exclude'));
  const lines = checks.map((c) => (excluded.has(c) ? `[+]${c} excluded: ok` : `[+]${c} ok`));
  return `${lines.join('\n')}\n${endpoint} check passed\n`;
}
