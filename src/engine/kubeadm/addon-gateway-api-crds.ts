// The Gateway API v1.2.1 standard-channel CRDs (config/crd/standard/*.yaml) with their real
// names, versions, printer columns and the schema fields a learner writes, with the CRDs'
// defaults (a rule matches PathPrefix /, a backendRef is a Service of weight 1). Deep,
// rarely written parts (filters, TLS options, header matches) keep unknown fields.

import type { CRDVersion, JSONSchemaProps, PrinterColumn } from '../api/crd';
import type { KubeObject } from '../api/types';

export const GATEWAY_API_VERSION = 'v1.2.1';
export const GATEWAY_GROUP = 'gateway.networking.k8s.io';

const str = (extra: JSONSchemaProps = {}): JSONSchemaProps => ({ type: 'string', ...extra });
const int = (extra: JSONSchemaProps = {}): JSONSchemaProps => ({ type: 'integer', format: 'int32', ...extra });
const open = (type: string): JSONSchemaProps => ({ type, 'x-kubernetes-preserve-unknown-fields': true });
const obj = (properties: Record<string, JSONSchemaProps>, required?: string[], extra: JSONSchemaProps = {}): JSONSchemaProps => ({ type: 'object', properties, ...(required ? { required } : {}), ...extra });
const arr = (items: JSONSchemaProps, extra: JSONSchemaProps = {}): JSONSchemaProps => ({ type: 'array', items, ...extra });

const root = (spec: JSONSchemaProps, withStatus = true): JSONSchemaProps => obj({
  apiVersion: str(), kind: str(), metadata: { type: 'object' }, spec,
  ...(withStatus ? { status: open('object') } : {}),
}, ['spec']);

const parentRef = obj({
  group: str({ default: GATEWAY_GROUP, maxLength: 253 }),
  kind: str({ default: 'Gateway', maxLength: 63, minLength: 1 }),
  name: str({ maxLength: 253, minLength: 1 }),
  namespace: str({ maxLength: 63, minLength: 1 }),
  port: int({ minimum: 1, maximum: 65535 }),
  sectionName: str({ maxLength: 253, minLength: 1 }),
}, ['name']);

const backendRef = obj({
  filters: arr(open('object')),
  group: str({ default: '', maxLength: 253 }),
  kind: str({ default: 'Service', maxLength: 63, minLength: 1 }),
  name: str({ maxLength: 253, minLength: 1 }),
  namespace: str({ maxLength: 63, minLength: 1 }),
  port: int({ minimum: 1, maximum: 65535 }),
  weight: int({ default: 1, minimum: 0, maximum: 1000000 }),
}, ['name']);

const hostnames = arr(str({ maxLength: 253, minLength: 1 }), { maxItems: 16 });

const httpMatch = obj({
  headers: arr(open('object')),
  method: str({ enum: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH'] }),
  path: obj({ type: str({ default: 'PathPrefix', enum: ['Exact', 'PathPrefix', 'RegularExpression'] }), value: str({ default: '/', maxLength: 1024 }) }, undefined, { default: { type: 'PathPrefix', value: '/' } }),
  queryParams: arr(open('object')),
});

const httpRouteSpec = obj({
  hostnames,
  parentRefs: arr(parentRef, { maxItems: 32 }),
  rules: arr(obj({
    backendRefs: arr(backendRef, { maxItems: 16 }),
    filters: arr(open('object'), { maxItems: 16 }),
    matches: arr(httpMatch, { maxItems: 64, default: [{ path: { type: 'PathPrefix', value: '/' } }] }),
    timeouts: open('object'),
  }), { maxItems: 16, default: [{ matches: [{ path: { type: 'PathPrefix', value: '/' } }] }] }),
});

const grpcRouteSpec = obj({
  hostnames,
  parentRefs: arr(parentRef, { maxItems: 32 }),
  rules: arr(obj({ backendRefs: arr(backendRef, { maxItems: 16 }), filters: arr(open('object'), { maxItems: 16 }), matches: arr(open('object'), { maxItems: 64 }) }), { maxItems: 16 }),
});

const gatewayClassSpec = obj({
  controllerName: str({ maxLength: 253, minLength: 1 }),
  description: str({ maxLength: 64 }),
  parametersRef: obj({ group: str(), kind: str(), name: str(), namespace: str() }, ['group', 'kind', 'name']),
}, ['controllerName']);

const gatewaySpec = obj({
  addresses: arr(open('object'), { maxItems: 16 }),
  gatewayClassName: str({ maxLength: 253, minLength: 1 }),
  infrastructure: open('object'),
  listeners: arr(obj({
    allowedRoutes: obj({
      kinds: arr(open('object'), { maxItems: 8 }),
      namespaces: obj({ from: str({ default: 'Same', enum: ['All', 'Selector', 'Same'] }), selector: open('object') }, undefined, { default: { from: 'Same' } }),
    }, undefined, { default: { namespaces: { from: 'Same' } } }),
    hostname: str({ maxLength: 253, minLength: 1 }),
    name: str({ maxLength: 253, minLength: 1 }),
    port: int({ minimum: 1, maximum: 65535 }),
    protocol: str({ maxLength: 255, minLength: 1 }),
    tls: open('object'),
  }, ['name', 'port', 'protocol']), { minItems: 1, maxItems: 64 }),
}, ['gatewayClassName', 'listeners']);

const referenceGrantSpec = obj({
  from: arr(obj({ group: str(), kind: str(), namespace: str() }, ['group', 'kind', 'namespace']), { minItems: 1, maxItems: 16 }),
  to: arr(obj({ group: str(), kind: str(), name: str() }, ['group', 'kind']), { minItems: 1, maxItems: 16 }),
}, ['from', 'to']);

const AGE: PrinterColumn = { jsonPath: '.metadata.creationTimestamp', name: 'Age', type: 'date' };
const HOSTNAMES: PrinterColumn = { jsonPath: '.spec.hostnames', name: 'Hostnames', type: 'string' };

function version(name: string, storage: boolean, schema: JSONSchemaProps, columns: PrinterColumn[], status = true): CRDVersion {
  return { additionalPrinterColumns: columns, name, schema: { openAPIV3Schema: schema }, served: true, storage, subresources: status ? { status: {} } : {} };
}

function crd(plural: string, kind: string, scope: 'Cluster' | 'Namespaced', shortNames: string[], versions: CRDVersion[]): KubeObject {
  return {
    apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition',
    metadata: {
      annotations: { 'api-approved.kubernetes.io': 'https://github.com/kubernetes-sigs/gateway-api/pull/3328', 'gateway.networking.k8s.io/bundle-version': GATEWAY_API_VERSION, 'gateway.networking.k8s.io/channel': 'standard' },
      name: `${plural}.${GATEWAY_GROUP}`,
    },
    spec: {
      group: GATEWAY_GROUP,
      names: { categories: ['gateway-api'], kind, listKind: `${kind}List`, plural, ...(shortNames.length ? { shortNames } : {}), singular: kind.toLowerCase() },
      scope, versions,
    },
  };
}

/** `kubectl apply -f standard-install.yaml` of Gateway API v1.2.1. */
export function gatewayApiCrds(): KubeObject[] {
  const gcCols: PrinterColumn[] = [
    { jsonPath: '.spec.controllerName', name: 'Controller', type: 'string' },
    { jsonPath: '.status.conditions[?(@.type=="Accepted")].status', name: 'Accepted', type: 'string' },
    AGE,
    { jsonPath: '.spec.description', name: 'Description', priority: 1, type: 'string' },
  ];
  const gtwCols: PrinterColumn[] = [
    { jsonPath: '.spec.gatewayClassName', name: 'Class', type: 'string' },
    { jsonPath: '.status.addresses[*].value', name: 'Address', type: 'string' },
    { jsonPath: '.status.conditions[?(@.type=="Programmed")].status', name: 'Programmed', type: 'string' },
    AGE,
  ];
  const gc = root(gatewayClassSpec), gtw = root(gatewaySpec), http = root(httpRouteSpec);
  return [
    crd('gatewayclasses', 'GatewayClass', 'Cluster', ['gc'], [version('v1', true, gc, gcCols), version('v1beta1', false, gc, gcCols)]),
    crd('gateways', 'Gateway', 'Namespaced', ['gtw'], [version('v1', true, gtw, gtwCols), version('v1beta1', false, gtw, gtwCols)]),
    crd('grpcroutes', 'GRPCRoute', 'Namespaced', [], [version('v1', true, root(grpcRouteSpec), [HOSTNAMES, AGE])]),
    crd('httproutes', 'HTTPRoute', 'Namespaced', [], [version('v1', true, http, [HOSTNAMES, AGE]), version('v1beta1', false, http, [HOSTNAMES, AGE])]),
    crd('referencegrants', 'ReferenceGrant', 'Namespaced', ['refgrant'], [version('v1beta1', true, root(referenceGrantSpec, false), [AGE], false)]),
  ];
}
