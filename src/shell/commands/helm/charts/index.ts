// The chart repositories this lab can reach (everything else is "no such host", as offline).

import type { RepoDef } from './types';
import { nginxChart } from './nginx';
import { redisChart } from './redis';
import { ingressNginxChart } from './ingress-nginx';
import { metricsServerChart } from './metrics-server';

export type { ChartDef, ChartVersion, RepoDef } from './types';

export const KNOWN_REPOS: RepoDef[] = [
  { url: 'https://charts.bitnami.com/bitnami', charts: [nginxChart, redisChart] },
  { url: 'https://kubernetes.github.io/ingress-nginx', charts: [ingressNginxChart] },
  { url: 'https://kubernetes-sigs.github.io/metrics-server', charts: [metricsServerChart] },
];

export function repoForUrl(url: string): RepoDef | undefined {
  const norm = url.replace(/\/+$/, '');
  return KNOWN_REPOS.find((r) => r.url === norm);
}
