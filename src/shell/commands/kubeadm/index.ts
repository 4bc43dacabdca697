// kubeadm: version, upgrade plan/apply/node, token create/list/delete, certs
// check-expiration/renew. Flags are parsed the way cobra does (--flag=value, --flag value).

import { binaryVersion } from '../../../engine/versions/node-versions';
import { fail, type Tool } from '../../tool';
import { checkExpiration, renew } from './certs';
import { tokenCreate, tokenDelete, tokenList } from './token';
import { upgradeApply, upgradeNode, upgradePlan } from './upgrade';
import { kubeadmVersion } from './version';
import { kubeadmInit } from './init';
import { kubeadmJoin } from './join';
import { kubeadmReset } from './reset';
import { uploadCertsPhase } from './upload-certs';

const VALUED = new Set(['output', 'o', 'ttl', 'description', 'config', 'kubeconfig', 'v', 'ignore-preflight-errors', 'certificate-renewal', 'etcd-upgrade', 'cert-dir', 'pod-network-cidr', 'apiserver-advertise-address', 'kubernetes-version', 'control-plane-endpoint', 'cri-socket', 'token', 'discovery-token-ca-cert-hash', 'service-cidr', 'node-name', 'certificate-key']);

interface Parsed { positional: string[]; flags: Map<string, string> }

function parse(args: string[]): Parsed | string {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (!a.startsWith('-') || a === '-') {
      positional.push(a);
      continue;
    }
    const body = a.replace(/^--?/, '');
    const eq = body.indexOf('=');
    const name = eq >= 0 ? body.slice(0, eq) : body;
    if (eq >= 0) flags.set(name, body.slice(eq + 1));
    else if (VALUED.has(name)) {
      const v = args[++i];
      if (v === undefined) return `flag needs an argument: --${name}`;
      flags.set(name, v);
    } else flags.set(name, 'true');
  }
  return { positional, flags };
}

const USAGE = `Usage:
  kubeadm [command]

Available Commands:
  certs       Commands related to handling Kubernetes certificates
  completion  Output shell completion code for the specified shell (bash or zsh)
  config      Manage configuration for a kubeadm cluster persisted in a ConfigMap in the cluster
  help        Help about any command
  init        Run this command in order to set up the Kubernetes control plane
  join        Run this on any machine you wish to join an existing cluster
  kubeconfig  Kubeconfig file utilities
  reset       Performs a best effort revert of changes made to this host by 'kubeadm init' or 'kubeadm join'
  token       Manage bootstrap tokens
  upgrade     Upgrade your cluster smoothly to a newer version with this command
  version     Print the version of kubeadm

Flags:
  -h, --help                     help for kubeadm
      --rootfs string            The path to the 'real' host root filesystem. This will cause kubeadm to chroot into the provided path.

Use "kubeadm [command] --help" for more information about a command.
`;

/** `{ key: value }` when the flag was given, `{}` otherwise (exactOptionalPropertyTypes). */
function defined<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]?: string });
}

export const kubeadm: Tool = async (args, ctx) => {
  const version = binaryVersion(ctx.host.fs, 'kubeadm');
  if (!version) return fail('bash: kubeadm: command not found', 127);
  const p = parse(args);
  if (typeof p === 'string') return fail(`Error: ${p}\nTo see the stack trace of this error execute with --v=5 or higher`);
  const [cmd, sub, ...rest] = p.positional;
  const flag = (n: string) => p.flags.get(n);
  const yes = flag('y') === 'true' || flag('yes') === 'true';
  switch (cmd) {
    case undefined:
      return { stdout: USAGE, stderr: '', exitCode: 0 };
    case 'version':
      return kubeadmVersion(version, flag('output') ?? flag('o'));
    case 'init': {
      const opt = (n: string) => flag(n);
      if (sub === 'phase' && rest[0] === 'upload-certs') return uploadCertsPhase(ctx, opt('upload-certs') === 'true', opt('certificate-key'));
      if (sub !== undefined) return fail(`error: unknown command "${sub}" for "kubeadm init"\nRun 'kubeadm init --help' for usage.`);
      return kubeadmInit(ctx, {
        ...defined('podNetworkCidr', opt('pod-network-cidr')),
        ...defined('advertiseAddress', opt('apiserver-advertise-address')),
        ...defined('kubernetesVersion', opt('kubernetes-version')),
        ...defined('controlPlaneEndpoint', opt('control-plane-endpoint')),
        ...defined('criSocket', opt('cri-socket')),
        ...defined('ignorePreflightErrors', opt('ignore-preflight-errors')),
        ...defined('config', opt('config')),
        ...defined('token', opt('token')),
        ...defined('serviceCidr', opt('service-cidr')),
        ...defined('certificateKey', opt('certificate-key')),
        uploadCerts: opt('upload-certs') === 'true',
      }, version);
    }
    case 'join':
      return kubeadmJoin(ctx, sub, {
        ...defined('token', flag('token')),
        ...defined('caCertHash', flag('discovery-token-ca-cert-hash')),
        ...defined('ignorePreflightErrors', flag('ignore-preflight-errors')),
        unsafeSkipCaVerification: flag('discovery-token-unsafe-skip-ca-verification') === 'true',
        controlPlane: flag('control-plane') === 'true',
        ...defined('certificateKey', flag('certificate-key')),
      });
    case 'reset':
      return kubeadmReset(ctx, flag('f') === 'true' || flag('force') === 'true');
    case 'upgrade':
      if (sub === 'plan') return upgradePlan(ctx);
      if (sub === 'apply') return upgradeApply(ctx, rest, { yes, force: flag('force') === 'true', certificateRenewal: flag('certificate-renewal') !== 'false' });
      if (sub === 'node') return upgradeNode(ctx);
      return fail(sub ? `error: unknown command "${sub}" for "kubeadm upgrade"\nRun 'kubeadm upgrade --help' for usage.` : 'Error: missing subcommand; "upgrade" is not meant to be run on its own\nTo see the stack trace of this error execute with --v=5 or higher');
    case 'token':
      if (sub === 'create') {
        const description = flag('description');
        const ttl = flag('ttl');
        return tokenCreate(ctx, { printJoin: flag('print-join-command') === 'true', ...(ttl !== undefined ? { ttl } : {}), ...(description !== undefined ? { description } : {}), ...(rest[0] ? { token: rest[0] } : {}), ...defined('certificateKey', flag('certificate-key')) });
      }
      if (sub === 'list') return tokenList(ctx);
      if (sub === 'delete') return tokenDelete(ctx, rest);
      if (sub === 'generate') return { stdout: `${ctx.world.random.string(6, 'abcdefghijklmnopqrstuvwxyz0123456789')}.${ctx.world.random.string(16, 'abcdefghijklmnopqrstuvwxyz0123456789')}\n`, stderr: '', exitCode: 0 };
      return fail(`error: unknown command "${sub ?? ''}" for "kubeadm token"\nRun 'kubeadm token --help' for usage.`);
    case 'certs':
      if (sub === 'check-expiration') return checkExpiration(ctx);
      if (sub === 'renew') return renew(ctx, rest[0]);
      return fail(`error: unknown command "${sub ?? ''}" for "kubeadm certs"\nRun 'kubeadm certs --help' for usage.`);
    default:
      return fail(`error: unknown command "${cmd}" for "kubeadm"\nRun 'kubeadm --help' for usage.`);
  }
};
