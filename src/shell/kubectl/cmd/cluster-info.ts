// kubectl cluster-info: the API server URL and the kube-system services labelled
// kubernetes.io/cluster-service=true, colored as kubectl colors them.

import type { ResourceType } from '../../../engine/api/resources';
import type { Service } from '../../../engine/api/types';
import type { Command } from '../command';
import { CmdError } from '../errors';
import { clusterInfoDumpCommand } from './cluster-info-dump';

const GREEN = '\x1b[0;32m';
const YELLOW = '\x1b[0;33m';
const RESET = '\x1b[0m';

export const clusterInfoCommand: Command = {
  name: 'cluster-info',
  short: 'Display addresses of the control plane and services with label kubernetes.io/cluster-service=true.',
  usage: 'cluster-info [flags] [options]',
  flags: {},
  subcommands: [clusterInfoDumpCommand],
  async run(inv) {
    if (inv.args.length) throw new CmdError(`error: unknown command "${inv.args[0]}" for "kubectl cluster-info"`);
    const conn = inv.connect();
    const server = conn.server.replace(/\/$/, '');
    const line = (name: string, url: string) => `${GREEN}${name}${RESET} is running at ${YELLOW}${url}${RESET}\n`;
    inv.out(line('Kubernetes control plane', server));
    const api = conn.cluster.api;
    const services = api.list<Service>(api.lookup('services') as ResourceType, 'kube-system', { labelSelector: 'kubernetes.io/cluster-service=true' });
    for (const svc of services) {
      let name = svc.metadata.name ?? '';
      const port = svc.spec.ports?.[0];
      if (port) {
        const scheme = port.name === 'https' || port.port === 443 ? 'https' : '';
        const portName = port.name ?? '';
        name = scheme ? `${scheme}:${name}:${portName}` : portName ? `${name}:${portName}` : name;
      }
      const shown = svc.metadata.labels?.['kubernetes.io/name'] || svc.metadata.name || '';
      inv.out(line(shown, `${server}/api/v1/namespaces/kube-system/services/${name}/proxy`));
    }
    inv.out("\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n");
    return 0;
  },
};
