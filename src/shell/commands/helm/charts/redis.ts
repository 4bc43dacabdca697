// bitnami/redis, reduced: a standalone master StatefulSet with its Service and headless Service.

import { fullnameHelper } from './helpers';
import type { ChartDef } from './types';

const HELPERS = `${fullnameHelper('redis')}
{{- define "redis.labels" -}}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/name: {{ .Chart.Name }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}
`;

const STATEFULSET = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: {{ include "redis.fullname" . }}-master
  namespace: {{ .Release.Namespace | quote }}
  labels:
    {{- include "redis.labels" . | nindent 4 }}
    app.kubernetes.io/component: master
spec:
  replicas: 1
  serviceName: {{ include "redis.fullname" . }}-headless
  selector:
    matchLabels:
      app.kubernetes.io/instance: {{ .Release.Name }}
      app.kubernetes.io/name: {{ .Chart.Name }}
      app.kubernetes.io/component: master
  template:
    metadata:
      labels:
        {{- include "redis.labels" . | nindent 8 }}
        app.kubernetes.io/component: master
    spec:
      containers:
        - name: redis
          image: {{ printf "%s/%s:%s" .Values.image.registry .Values.image.repository (.Values.image.tag | default .Chart.AppVersion) }}
          ports:
            - name: redis
              containerPort: {{ .Values.master.containerPorts.redis }}
          {{- with .Values.master.resources }}
          resources:
            {{- toYaml . | nindent 12 }}
          {{- end }}
`;

const SERVICES = `apiVersion: v1
kind: Service
metadata:
  name: {{ include "redis.fullname" . }}-headless
  namespace: {{ .Release.Namespace | quote }}
  labels:
    {{- include "redis.labels" . | nindent 4 }}
spec:
  type: ClusterIP
  clusterIP: None
  ports:
    - name: tcp-redis
      port: {{ .Values.master.service.ports.redis }}
      targetPort: redis
  selector:
    app.kubernetes.io/instance: {{ .Release.Name }}
    app.kubernetes.io/name: {{ .Chart.Name }}
---
apiVersion: v1
kind: Service
metadata:
  name: {{ include "redis.fullname" . }}-master
  namespace: {{ .Release.Namespace | quote }}
  labels:
    {{- include "redis.labels" . | nindent 4 }}
    app.kubernetes.io/component: master
spec:
  type: {{ .Values.master.service.type }}
  ports:
    - name: tcp-redis
      port: {{ .Values.master.service.ports.redis }}
      targetPort: redis
  selector:
    app.kubernetes.io/instance: {{ .Release.Name }}
    app.kubernetes.io/name: {{ .Chart.Name }}
    app.kubernetes.io/component: master
`;

const NOTES = `CHART NAME: {{ .Chart.Name }}
CHART VERSION: {{ .Chart.Version }}
APP VERSION: {{ .Chart.AppVersion }}

** Please be patient while the chart is being deployed **

Redis can be accessed via port {{ .Values.master.service.ports.redis }} on the following DNS name from within your cluster:

    {{ include "redis.fullname" . }}-master.{{ .Release.Namespace }}.svc.cluster.local
`;

const VALUES = `image:
  registry: docker.io
  repository: library/redis
  ## defaults to the chart's appVersion
  tag: ""

nameOverride: ""
fullnameOverride: ""

master:
  containerPorts:
    redis: 6379
  resources: {}
  service:
    type: ClusterIP
    ports:
      redis: 6379
`;

export const redisChart: ChartDef = {
  name: 'redis',
  description: 'Redis(R) is an open source, advanced key-value store. It is often referred to as a data structure server since keys can contain strings, hashes, lists, sets and sorted sets.',
  versions: [
    { version: '20.6.2', appVersion: '7.4' },
    { version: '18.19.4', appVersion: '7.2' },
  ],
  files: {
    'values.yaml': VALUES,
    'templates/_helpers.tpl': HELPERS,
    'templates/master/statefulset.yaml': STATEFULSET,
    'templates/master/service.yaml': SERVICES,
    'templates/NOTES.txt': NOTES,
  },
};
