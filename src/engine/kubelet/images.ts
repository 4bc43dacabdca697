// The image catalogue: what the simulated registries hold. A reference to a repository or
// tag that is not here fails to pull the way containerd fails against Docker Hub.

import { hexFrom } from '../util/hash';
import { kubernetesImageTags } from '../versions/catalogue';

export interface ImageRef {
  /** As written in the pod spec. */
  raw: string;
  /** registry/repository, e.g. docker.io/library/nginx. */
  repository: string;
  tag?: string;
  digest?: string;
  /** Fully qualified: docker.io/library/nginx:latest. */
  full: string;
}

interface Repo {
  tags: string[];
  /** Compressed size in bytes, as the Pulled event reports it. */
  size: number;
}

const V = (prefix: string, from: number, to: number, suffixes: string[] = ['']): string[] => {
  const out: string[] = [];
  for (let i = from; i <= to; i++) for (const s of suffixes) out.push(`${prefix}${i}${s}`);
  return out;
};

const CATALOGUE: Record<string, Repo> = {
  'docker.io/library/nginx': { size: 72_223_946, tags: ['latest', 'alpine', 'stable', 'mainline', 'stable-alpine', 'mainline-alpine', 'perl', ...V('1.', 14, 29), ...V('1.', 14, 29, ['-alpine', '.0', '.1', '.2', '.0-alpine', '.1-alpine']), '1.25.3', '1.27.4', '1.28.0'] },
  'docker.io/library/busybox': { size: 2_155_115, tags: ['latest', 'stable', 'musl', 'glibc', 'uclibc', ...V('1.', 28, 37), ...V('1.', 28, 37, ['.0', '.1', '.2', '.3', '.4'])] },
  'docker.io/library/redis': { size: 45_049_322, tags: ['latest', 'alpine', ...V('', 5, 8), ...V('', 5, 8, ['-alpine', '.0', '.2', '.4']), '7.2', '7.4', '7.2-alpine', '7.4-alpine', '6.2', '6.2-alpine'] },
  'docker.io/library/httpd': { size: 58_156_222, tags: ['latest', 'alpine', '2.4', '2.4-alpine', '2.4.62', '2.4.63', '2'] },
  'docker.io/library/alpine': { size: 3_653_068, tags: ['latest', 'edge', '3', ...V('3.', 10, 22)] },
  'docker.io/library/ubuntu': { size: 29_754_422, tags: ['latest', 'rolling', 'jammy', 'noble', 'focal', '20.04', '22.04', '24.04', '24.10', '25.04'] },
  'docker.io/library/debian': { size: 48_491_000, tags: ['latest', 'stable', 'bookworm', 'bookworm-slim', 'bullseye', 'bullseye-slim', 'trixie', '11', '12', '13'] },
  'docker.io/library/mysql': { size: 169_720_000, tags: ['latest', '8', '8.0', '8.4', '9', '9.1', 'lts', '5.7'] },
  'docker.io/library/postgres': { size: 158_352_000, tags: ['latest', 'alpine', ...V('', 12, 18), ...V('', 12, 18, ['-alpine'])] },
  'docker.io/library/memcached': { size: 33_112_000, tags: ['latest', 'alpine', '1.6'] },
  'docker.io/library/python': { size: 412_000_000, tags: ['latest', 'alpine', '3', '3.11', '3.12', '3.13', '3.12-slim', '3.13-slim', '3.12-alpine'] },
  'docker.io/library/node': { size: 398_000_000, tags: ['latest', 'alpine', 'lts', '18', '20', '22', '20-alpine', '22-alpine'] },
  'docker.io/library/centos': { size: 79_000_000, tags: ['latest', '7', '8'] },
  'docker.io/library/haproxy': { size: 40_000_000, tags: ['latest', 'alpine', '2.8', '3.0', '3.1'] },
  'docker.io/library/traefik': { size: 49_000_000, tags: ['latest', 'v2.11', 'v3.0', 'v3.1', 'v3.2', 'v3.3'] },
  'docker.io/library/wordpress': { size: 252_000_000, tags: ['latest', '6', 'php8.2', 'php8.3'] },
  'docker.io/library/mongo': { size: 280_000_000, tags: ['latest', '6', '7', '8'] },
  'docker.io/library/rabbitmq': { size: 113_000_000, tags: ['latest', '3', '3-management', '4', '4-management'] },
  'docker.io/library/tomcat': { size: 206_000_000, tags: ['latest', '9', '10', '11'] },
  'docker.io/kodekloud/webapp-color': { size: 31_000_000, tags: ['latest', 'v1', 'v2', 'v3'] },
  'docker.io/bitnami/kubectl': { size: 80_000_000, tags: ['latest', '1.33', '1.34', '1.35'] },
  'docker.io/curlimages/curl': { size: 10_000_000, tags: ['latest', '8.11.1', '8.12.1', '8.13.0'] },
  'docker.io/nicolaka/netshoot': { size: 170_000_000, tags: ['latest', 'v0.13'] },
  // The Kubernetes docs' memory/CPU exercises (`stress --vm 1 --vm-bytes 150M`): memory use follows --vm-bytes (metrics/usage.ts).
  'docker.io/polinux/stress': { size: 4_040_000, tags: ['latest', '1.0.4'] },
  'docker.io/rancher/local-path-provisioner': { size: 18_940_000, tags: ['v0.0.30', 'v0.0.31', 'v0.0.32'] },
  'docker.io/calico/node': { size: 150_462_000, tags: ['v3.29.3', 'v3.30.3'] },
  'docker.io/calico/cni': { size: 94_518_000, tags: ['v3.29.3', 'v3.30.3'] },
  'docker.io/calico/kube-controllers': { size: 35_417_000, tags: ['v3.29.3', 'v3.30.3'] },
  'ghcr.io/flannel-io/flannel': { size: 32_315_000, tags: ['v0.26.4', 'v0.26.7'] },
  'ghcr.io/flannel-io/flannel-cni-plugin': { size: 4_856_000, tags: ['v1.6.2-flannel1', 'v1.7.1-flannel1'] },
  'registry.k8s.io/pause': { size: 320_368, tags: ['3.9', '3.10', '3.10.1'] },
  'registry.k8s.io/kube-apiserver': { size: 27_068_000, tags: kubernetesImageTags() },
  'registry.k8s.io/kube-controller-manager': { size: 22_819_000, tags: kubernetesImageTags() },
  'registry.k8s.io/kube-scheduler': { size: 17_385_000, tags: kubernetesImageTags() },
  'registry.k8s.io/kube-proxy': { size: 25_963_000, tags: kubernetesImageTags() },
  'registry.k8s.io/etcd': { size: 23_653_000, tags: ['3.5.21-0', '3.6.4-0', '3.6.5-0', '3.6.6-0'] },
  'registry.k8s.io/coredns/coredns': { size: 22_384_000, tags: ['v1.11.3', 'v1.12.0', 'v1.12.1', 'v1.13.1'] },
  'registry.k8s.io/metrics-server/metrics-server': { size: 19_500_000, tags: ['v0.7.2', 'v0.8.0'] },
  'registry.k8s.io/ingress-nginx/controller': { size: 105_000_000, tags: ['v1.12.0', 'v1.13.0'] },
  'ghcr.io/nginx/nginx-gateway-fabric': { size: 30_000_000, tags: ['1.6.2'] },
  'ghcr.io/nginx/nginx-gateway-fabric/nginx': { size: 60_000_000, tags: ['1.6.2'] },
  'registry.k8s.io/e2e-test-images/agnhost': { size: 51_000_000, tags: ['2.52', '2.53'] },
  // The Kubernetes docs' DNS debugging pod (dnsutils.yaml): Debian jessie with BIND's nslookup and dig.
  'registry.k8s.io/e2e-test-images/jessie-dnsutils': { size: 112_000_000, tags: ['1.3', '1.5', '1.7'] },
};

/** Parses a container image reference the way the container runtime normalises it. */
export function parseImage(raw: string): ImageRef {
  let rest = raw;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.indexOf(':', lastSlash + 1);
  if (colon >= 0) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const first = rest.split('/')[0] as string;
  const hasRegistry = rest.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  let repository = hasRegistry ? rest : `docker.io/${rest}`;
  if (!hasRegistry && !rest.includes('/')) repository = `docker.io/library/${rest}`;
  if (!tag && !digest) tag = 'latest';
  const full = `${repository}${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`;
  const ref: ImageRef = { raw, repository, full };
  if (tag) ref.tag = tag;
  if (digest) ref.digest = digest;
  return ref;
}

export type PullResult = { ok: true; size: number; digest: string } | { ok: false; error: string };

/** What pulling this image from its registry gives: the image, or containerd's error text. */
export function pullImage(raw: string): PullResult {
  const ref = parseImage(raw);
  const repo = CATALOGUE[ref.repository];
  const quoted = `"${ref.full}"`;
  if (!repo) {
    const denied = ref.repository.startsWith('docker.io/')
      ? 'pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed'
      : `${ref.full}: not found`;
    return { ok: false, error: `failed to pull and unpack image ${quoted}: failed to resolve reference ${quoted}: ${denied}` };
  }
  if (ref.tag && !repo.tags.includes(ref.tag)) {
    return { ok: false, error: `failed to pull and unpack image ${quoted}: failed to resolve reference ${quoted}: ${ref.full}: not found` };
  }
  return { ok: true, size: repo.size + (fnvSpread(ref.full) % 4096), digest: imageDigest(ref) };
}

function fnvSpread(s: string): number {
  return parseInt(hexFrom(s, 6), 16);
}

/** The repo digest a registry would serve for this reference. */
export function imageDigest(ref: ImageRef): string {
  return ref.digest ?? `sha256:${hexFrom(`digest:${ref.repository}:${ref.tag ?? ''}`, 64)}`;
}

/** `imageID` in a container status: repository@digest. */
export function imageID(raw: string): string {
  const ref = parseImage(raw);
  return `${ref.repository}@${imageDigest(ref)}`;
}

export function isKnownImage(raw: string): boolean {
  return pullImage(raw).ok;
}

/** The ports an image's default process listens on (TCP unless marked /udp); a containerPort alone opens nothing. */
const LISTENS: Record<string, string[]> = {
  'docker.io/library/nginx': ['80'],
  'docker.io/library/httpd': ['80'],
  'docker.io/library/redis': ['6379'],
  'docker.io/library/mysql': ['3306', '33060'],
  'docker.io/library/postgres': ['5432'],
  'docker.io/library/memcached': ['11211'],
  'docker.io/library/haproxy': [],
  'docker.io/library/traefik': ['80', '8080'],
  'docker.io/library/wordpress': ['80'],
  'docker.io/library/mongo': ['27017'],
  'docker.io/library/rabbitmq': ['5672', '15672'],
  'docker.io/library/tomcat': ['8080'],
  'docker.io/kodekloud/webapp-color': ['8080'],
  'registry.k8s.io/coredns/coredns': ['53', '53/udp', '8080', '8181', '9153'],
  'registry.k8s.io/metrics-server/metrics-server': ['10250'],
  'registry.k8s.io/ingress-nginx/controller': ['80', '443', '8443', '10254'],
  'ghcr.io/nginx/nginx-gateway-fabric': ['8081', '9113'],
  'ghcr.io/nginx/nginx-gateway-fabric/nginx': ['80', '443'],
  'registry.k8s.io/e2e-test-images/agnhost': [],
  'registry.k8s.io/e2e-test-images/jessie-dnsutils': [],
};

/** What the image's default process listens on, as `port/protocol` keys ("80/TCP", "53/UDP"). */
export function imageListens(raw: string): string[] {
  return (LISTENS[parseImage(raw).repository] ?? []).map((p) => (p.endsWith('/udp') ? `${p.slice(0, -4)}/UDP` : `${p}/TCP`));
}
