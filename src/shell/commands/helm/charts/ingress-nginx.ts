// ingress-nginx/ingress-nginx, reduced: the controller Deployment with its RBAC, ConfigMap,
// Service and the `nginx` IngressClass.

import { fullnameHelper } from './helpers';
import type { ChartDef } from './types';

const HELPERS = `${fullnameHelper('ingress-nginx')}
{{- define "ingress-nginx.controller.fullname" -}}
{{- printf "%s-controller" (include "ingress-nginx.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "ingress-nginx.labels" -}}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/part-of: {{ .Chart.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "ingress-nginx.selectorLabels" -}}
app.kubernetes.io/component: controller
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/name: {{ .Chart.Name }}
{{- end -}}
`;

const RBAC = `apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ include "ingress-nginx.fullname" . }}
  namespace: {{ .Release.Namespace }}
  labels:
    {{- include "ingress-nginx.labels" . | nindent 4 }}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: {{ include "ingress-nginx.fullname" . }}
  labels:
    {{- include "ingress-nginx.labels" . | nindent 4 }}
rules:
  - apiGroups: [""]
    resources: ["configmaps", "endpoints", "nodes", "pods", "secrets", "namespaces"]
    verbs: ["list", "watch"]
  - apiGroups: [""]
    resources: ["services"]
    verbs: ["get", "list", "watch"]
  - apiGroups: ["networking.k8s.io"]
    resources: ["ingresses", "ingressclasses"]
    verbs: ["get", "list", "watch"]
  - apiGroups: ["networking.k8s.io"]
    resources: ["ingresses/status"]
    verbs: ["update"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: {{ include "ingress-nginx.fullname" . }}
  labels:
    {{- include "ingress-nginx.labels" . | nindent 4 }}
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: {{ include "ingress-nginx.fullname" . }}
subjects:
  - kind: ServiceAccount
    name: {{ include "ingress-nginx.fullname" . }}
    namespace: {{ .Release.Namespace }}
`;

const CONTROLLER = `apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "ingress-nginx.controller.fullname" . }}
  namespace: {{ .Release.Namespace }}
  labels:
    {{- include "ingress-nginx.labels" . | nindent 4 }}
data:
  allow-snippet-annotations: "false"
---
apiVersion: v1
kind: Service
metadata:
  name: {{ include "ingress-nginx.controller.fullname" . }}
  namespace: {{ .Release.Namespace }}
  labels:
    {{- include "ingress-nginx.labels" . | nindent 4 }}
spec:
  type: {{ .Values.controller.service.type }}
  ports:
    - name: http
      port: 80
      protocol: TCP
      targetPort: http
      {{- if .Values.controller.service.nodePorts.http }}
      nodePort: {{ .Values.controller.service.nodePorts.http }}
      {{- end }}
    - name: https
      port: 443
      protocol: TCP
      targetPort: https
      {{- if .Values.controller.service.nodePorts.https }}
      nodePort: {{ .Values.controller.service.nodePorts.https }}
      {{- end }}
  selector:
    {{- include "ingress-nginx.selectorLabels" . | nindent 4 }}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "ingress-nginx.controller.fullname" . }}
  namespace: {{ .Release.Namespace }}
  labels:
    {{- include "ingress-nginx.labels" . | nindent 4 }}
spec:
  replicas: {{ .Values.controller.replicaCount }}
  selector:
    matchLabels:
      {{- include "ingress-nginx.selectorLabels" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "ingress-nginx.labels" . | nindent 8 }}
        app.kubernetes.io/component: controller
    spec:
      serviceAccountName: {{ include "ingress-nginx.fullname" . }}
      containers:
        - name: controller
          image: {{ printf "%s/%s:%s" .Values.controller.image.registry .Values.controller.image.image .Values.controller.image.tag }}
          args:
            - /nginx-ingress-controller
            - --publish-service=$(POD_NAMESPACE)/{{ include "ingress-nginx.controller.fullname" . }}
            - --controller-class={{ .Values.controller.ingressClassResource.controllerValue }}
            - --ingress-class={{ .Values.controller.ingressClassResource.name }}
            - --configmap=$(POD_NAMESPACE)/{{ include "ingress-nginx.controller.fullname" . }}
          env:
            - name: POD_NAMESPACE
              valueFrom:
                fieldRef:
                  fieldPath: metadata.namespace
          ports:
            - name: http
              containerPort: 80
            - name: https
              containerPort: 443
---
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata:
  name: {{ .Values.controller.ingressClassResource.name }}
  labels:
    {{- include "ingress-nginx.labels" . | nindent 4 }}
  {{- if .Values.controller.ingressClassResource.default }}
  annotations:
    ingressclass.kubernetes.io/is-default-class: "true"
  {{- end }}
spec:
  controller: {{ .Values.controller.ingressClassResource.controllerValue }}
`;

const NOTES = `The ingress-nginx controller has been installed.
It may take a few minutes for the load balancer IP to be available.
You can watch the status by running 'kubectl get service --namespace {{ .Release.Namespace }} {{ include "ingress-nginx.controller.fullname" . }} --output wide --watch'
`;

const VALUES = `controller:
  image:
    registry: registry.k8s.io
    image: ingress-nginx/controller
    tag: "v1.12.0"
  replicaCount: 1
  ingressClassResource:
    name: nginx
    default: false
    controllerValue: k8s.io/ingress-nginx
  service:
    type: LoadBalancer
    nodePorts:
      http: ""
      https: ""
`;

export const ingressNginxChart: ChartDef = {
  name: 'ingress-nginx',
  description: 'Ingress controller for Kubernetes using NGINX as a reverse proxy and load balancer',
  versions: [{ version: '4.12.0', appVersion: '1.12.0' }],
  files: {
    'values.yaml': VALUES,
    'templates/_helpers.tpl': HELPERS,
    'templates/rbac.yaml': RBAC,
    'templates/controller.yaml': CONTROLLER,
    'templates/NOTES.txt': NOTES,
  },
};
