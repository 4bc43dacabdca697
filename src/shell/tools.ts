// The commands our terminal adds to (or overrides in) the bash implementation's built-ins.

import type { Tool } from './tool';
import { kubectl } from './kubectl';
import { editor } from './commands/editor';
import { ssh } from './commands/ssh';
import { grep } from './commands/grep';
import { scp } from './commands/scp';
import { history } from './commands/history';
import { hostname } from './commands/hostname';
import { id, sudo, uptime, whoami } from './commands/identity';
import { date } from './commands/date';
import { systemctl } from './commands/systemctl';
import { journalctl } from './commands/journalctl';
import { ps } from './commands/ps';
import { crictl } from './commands/crictl';
import { etcdctl, etcdutl } from './commands/etcdctl';
import { netstat, ss } from './commands/sockets';
import { watch } from './commands/watch';
import { kubeadm } from './commands/kubeadm';
import { kubelet } from './commands/kubeadm/kubelet';
import { sysctl } from './commands/sysctl';
import { apt, aptCache, aptGet, aptMark } from './commands/apt';
import { openssl } from './commands/openssl';
import { helm } from './commands/helm';
import { ip } from './commands/net/ip';
import { iptables } from './commands/net/iptables';
import { iptablesSave } from './commands/net/iptables-save';
import { curl, netcat, nslookupOnNode } from './commands/net/node-tools';

let cache: Record<string, Tool> | undefined;

export function allTools(): Record<string, Tool> {
  cache ??= {
    kubectl,
    vi: editor('vi'),
    vim: editor('vim'),
    nano: editor('nano'),
    ssh,
    grep,
    scp,
    history,
    hostname,
    whoami,
    id,
    sudo,
    uptime,
    date,
    systemctl,
    journalctl,
    ps,
    crictl,
    etcdctl,
    etcdutl,
    ss,
    netstat,
    watch,
    openssl,
    helm,
    ip,
    iptables,
    'iptables-save': iptablesSave,
    curl,
    nc: netcat,
    nslookup: nslookupOnNode,
    kubeadm,
    kubelet,
    apt,
    'apt-get': aptGet,
    'apt-cache': aptCache,
    'apt-mark': aptMark,
    sysctl,
  };
  return cache;
}
