// The field tables of lab.yaml: which keys each mapping allows, their types and what they mean.
// The parser takes its allowed keys from here and `lab.schema.json` is generated from here
// (schema.ts), so the editor's completion and the parser cannot disagree.

import { ADDONS } from '../engine/spec';

export type FieldType = 'string' | 'number' | 'integer' | 'boolean' | 'any' | 'strings' | 'stringMap' | 'mapping' | 'list';

export interface FieldSpec {
  type: FieldType;
  doc: string;
  required?: boolean;
  enum?: readonly string[];
  /** For `list`/`mapping`: the table (by name in TABLES) its items or values follow. */
  of?: string;
  /** A number field may also be a `{{parameter}}` placeholder. */
  param?: boolean;
}

export type FieldTable = Readonly<Record<string, FieldSpec>>;

export const CKA_DOMAINS = [
  'Cluster Architecture, Installation & Configuration',
  'Workloads & Scheduling',
  'Services & Networking',
  'Storage',
  'Troubleshooting',
] as const;

export const DIFFICULTIES = ['beginner', 'intermediate', 'advanced'] as const;

const s = (doc: string, extra: Partial<FieldSpec> = {}): FieldSpec => ({ type: 'string', doc, ...extra });
const n = (doc: string, extra: Partial<FieldSpec> = {}): FieldSpec => ({ type: 'number', doc, param: true, ...extra });
const int = (doc: string, extra: Partial<FieldSpec> = {}): FieldSpec => ({ type: 'integer', doc, param: true, ...extra });
const b = (doc: string): FieldSpec => ({ type: 'boolean', doc });

const LAB: FieldTable = {
  id: s('Lowercase letters, digits and dashes; defaults to the folder name.'),
  kind: s('`lab` (default; guided when it has steps) or `exam` (tasks with weights).', { enum: ['lab', 'exam'] }),
  title: s('Shown in the catalogue and above the instructions.', { required: true }),
  summary: s('One sentence for the catalogue.'),
  domain: s('The CKA domain.', { enum: CKA_DOMAINS }),
  domains: { type: 'strings', doc: 'Several CKA domains (instead of `domain`).', enum: CKA_DOMAINS },
  competency: s('The CKA competency practised, in the curriculum\'s words.'),
  difficulty: s('How hard the lab is.', { enum: DIFFICULTIES }),
  minutes: { type: 'integer', doc: 'Time estimate in minutes (an exam\'s time limit).' },
  tags: { type: 'strings', doc: 'Free keywords for the catalogue.' },
  kubernetesVersion: s('The version the lab is written for: v1.35 or v1.35.0.'),
  parameters: { type: 'mapping', doc: 'Values drawn per attempt, used as {{name}} anywhere in the lab.', of: 'parameter' },
  instructions: s('Markdown the learner reads (an overview when the lab has steps or tasks); or README.md.'),
  hints: { type: 'strings', doc: 'Markdown hints shown one at a time.' },
  environment: { type: 'mapping', doc: 'The world the learner starts in.', of: 'environment' },
  steps: { type: 'list', doc: 'A guided lab\'s ordered steps.', of: 'step' },
  tasks: { type: 'list', doc: 'An exam\'s tasks.', of: 'task' },
  checks: { type: 'list', doc: 'How the end state is graded (a lab without steps or tasks).', of: 'check' },
  solution: s('The reference solution, bash run as root on the control plane; or solution.sh.'),
};

const ENVIRONMENT: FieldTable = {
  seed: { type: 'integer', doc: 'Default seed of the world\'s random source and of the parameters.' },
  clusters: { type: 'list', doc: 'Clusters to build instead of the default one; the first is the default cluster.', of: 'cluster' },
  hosts: { type: 'list', doc: 'Extra hosts that are not nodes.', of: 'host' },
  files: { type: 'list', doc: 'Files written before the learner starts.', of: 'file' },
  objects: { type: 'list', doc: 'Manifests created through the first cluster\'s API server.' },
  setup: s('Bash run silently as root on the first control plane before the learner starts.'),
};

const CLUSTER: FieldTable = {
  name: s('Cluster name (also the kubeconfig cluster name).', { required: true }),
  version: s('v1.35.0 style.'),
  nodes: { type: 'list', doc: 'The cluster\'s nodes.', of: 'node', required: true },
  context: s('kubeconfig context; default kubernetes-admin@<name>.'),
  cni: s('The pod network add-on: calico (enforces NetworkPolicy, the default) or flannel (ignores it).', { enum: ['calico', 'flannel'] }),
  addons: { type: 'strings', doc: 'Add-ons installed with the cluster: local-path (a default StorageClass with its provisioner), metrics-server (kubectl top, HPAs), ingress-nginx (the ingress-nginx controller behind a NodePort Service, IngressClass nginx), gateway-api (the Gateway API standard CRDs with NGINX Gateway Fabric, GatewayClass nginx).', enum: [...ADDONS] },
  objects: { type: 'list', doc: 'Manifests created in this cluster.' },
  initialized: b('false: the hosts are only prepared for kubeadm (containerd running, kubeadm/kubelet/kubectl of `version` installed and held, kubelet restarting for want of its config, ip_forward off, /root/calico.yaml on the control plane) and the learner installs the cluster with kubeadm init/join. Default true.'),
  packagesInstalled: b('With initialized: false, false leaves kubeadm, kubelet and kubectl uninstalled (the pkgs.k8s.io apt repository of `version` is configured, there is no kubelet unit): kubeadm and kubelet are "command not found" until the learner runs apt-get install. Default true.'),
};

const NODE: FieldTable = {
  name: s('Node (and host) name.', { required: true }),
  role: s('control-plane or worker.', { enum: ['control-plane', 'worker'] }),
  ip: s('The node\'s InternalIP.'),
  labels: { type: 'stringMap', doc: 'Extra node labels.' },
  taints: { type: 'list', doc: 'Node taints.', of: 'taint' },
  cpu: s('CPU capacity, e.g. "2".'),
  memory: s('Memory capacity, e.g. "4Gi".'),
  pods: s('Pod capacity, e.g. "110".'),
};

const TAINT: FieldTable = {
  key: s('Taint key.', { required: true }),
  value: s('Taint value.'),
  effect: s('Taint effect.', { required: true, enum: ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] }),
};

const HOST: FieldTable = { name: s('Host name.', { required: true }), ip: s('IP address.') };

const FILE: FieldTable = {
  host: s('Host; default the first control plane.'),
  path: s('Absolute path.', { required: true }),
  content: s('File content.', { required: true }),
  mode: s('Octal mode as a string, e.g. "0600".'),
};

const PARAMETER: FieldTable = {
  pick: { type: 'list', doc: 'One of these values.' },
  int: { type: 'mapping', doc: 'A whole number {min, max}, both inclusive.', of: 'range' },
  name: { type: 'mapping', doc: 'A fresh DNS name {prefix}: prefix-xxxxx.', of: 'prefix' },
};
const RANGE: FieldTable = { min: { type: 'integer', doc: 'Smallest value.', required: true }, max: { type: 'integer', doc: 'Largest value.', required: true } };
const PREFIX: FieldTable = { prefix: s('Start of the name.', { required: true }) };

const STEP: FieldTable = {
  title: s('Step title.', { required: true }),
  text: s('Markdown the learner reads for this step.', { required: true }),
  hints: { type: 'strings', doc: 'Hints for this step.' },
  solution: s('This step\'s reference solution (bash, root on the control plane).', { required: true }),
  checks: { type: 'list', doc: 'This step\'s checks.', of: 'check', required: true },
};

const TASK: FieldTable = {
  title: s('Task title.', { required: true }),
  text: s('Markdown the learner reads for this task.', { required: true }),
  weight: n('The task\'s share of the exam score (e.g. percent). Default 1.'),
  host: s('The host the task is solved on ("ssh HOST").'),
  context: s('The kube context the task is solved in.'),
  hints: { type: 'strings', doc: 'Hints for this task.' },
  solution: s('The task\'s reference solution, bash on its host (after switching to its context).', { required: true }),
  checks: { type: 'list', doc: 'The task\'s checks; their weights split the task weight.', of: 'check', required: true },
};

// --- checks --------------------------------------------------------------------------------

const COMMON: FieldTable = {
  type: s('The check type.', { required: true }),
  title: s('The sentence the learner reads: the state the task asked for.', { required: true }),
  weight: n('Share of the score. Default 1.'),
  initially: b('This check may already pass on the fresh environment (the proof allows it).'),
};
const CLUSTER_F: FieldTable = { cluster: s('Cluster name; default the lab\'s first cluster.') };
const OBJECT: FieldTable = {
  ...CLUSTER_F,
  kind: s('Resource kind as kubectl accepts it (Deployment, deploy, pods…).', { required: true }),
  name: s('Object name.', { required: true }),
  namespace: s('Namespace; default "default".'),
};
const POD_SET: FieldTable = {
  ...CLUSTER_F,
  namespace: s('Namespace; default "default".'),
  name: s('One pod by name…'),
  selector: s('…or pods matching this label selector.'),
  count: int('With selector: how many pods (default 1).'),
};
const FILE_REF: FieldTable = { host: s('Host; default the first control plane.'), path: s('Absolute path.', { required: true }) };
const COMPARE: FieldTable = {
  equals: { type: 'any', doc: 'Equal to this value (scalars compare as text).' },
  matches: s('Matches this regular expression.'),
  contains: { type: 'any', doc: 'Substring, list element or sub-mapping.' },
  oneOf: { type: 'list', doc: 'Equal to one of these values.' },
  greaterThan: n('A number greater than this.'),
  lessThan: n('A number less than this.'),
};

export const CHECK_FIELDS = {
  exists: { ...COMMON, ...OBJECT },
  absent: { ...COMMON, ...OBJECT },
  field: { ...COMMON, ...OBJECT, path: s('Field path, jsonpath style: spec.containers[name=app].image.', { required: true }), ...COMPARE },
  count: {
    ...COMMON, ...CLUSTER_F,
    kind: s('Resource kind.', { required: true }),
    namespace: s('Namespace; default "default".'),
    selector: s('Label selector; default every object.'),
    count: int('How many objects.', { required: true }),
  },
  podReady: { ...COMMON, ...POD_SET },
  podRunning: { ...COMMON, ...POD_SET },
  restartCount: {
    ...COMMON, ...CLUSTER_F,
    namespace: s('Namespace; default "default".'),
    name: s('Pod name.', { required: true }),
    container: s('Container name; default all containers added up.'),
    min: int('At least this many restarts.'),
    max: int('At most this many restarts.'),
  },
  rolloutComplete: {
    ...COMMON, ...CLUSTER_F,
    namespace: s('Namespace; default "default".'),
    name: s('Deployment name.', { required: true }),
    image: s('The container\'s image in the pod template.'),
    container: s('Which container `image` is about; default the first.'),
    revision: int('The Deployment\'s revision.'),
  },
  nodeSchedulable: { ...COMMON, ...CLUSTER_F, name: s('Node name.', { required: true }), schedulable: b('Expected schedulability; default true.') },
  nodeTainted: {
    ...COMMON, ...CLUSTER_F,
    name: s('Node name.', { required: true }),
    key: s('Taint key.', { required: true }),
    value: s('Taint value, if it matters.'),
    effect: s('Taint effect, if it matters.', { enum: ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] }),
    tainted: b('false: the node must NOT have this taint. Default true.'),
  },
  eventSeen: {
    ...COMMON, ...CLUSTER_F,
    namespace: s('Namespace; default "default".'),
    reason: s('Event reason, e.g. FailedScheduling.'),
    involvedKind: s('Kind of the involved object.'),
    involvedName: s('Name of the involved object.'),
    message: s('Regular expression the message must match.'),
  },
  fileContains: { ...COMMON, ...FILE_REF, text: s('Substring.'), regex: s('Multi-line regular expression.') },
  fileExists: { ...COMMON, ...FILE_REF },
  fileParsesAsYaml: { ...COMMON, ...FILE_REF, kind: s('The manifest\'s kind, if it matters.') },
  run: {
    ...COMMON,
    host: s('Host the command runs on as root; default the first control plane.'),
    as: s('A user of the host\'s kubeconfig: kubectl in the command authenticates as that user (every context uses its credentials).'),
    command: s('Bash run in a fresh shell on the same world.', { required: true }),
    exitCode: int('Expected exit status (default 0 unless stdout is checked).'),
    stdout: s('Expected stdout exactly (a trailing newline is ignored).'),
    stdoutContains: s('Substring of stdout.'),
    stdoutMatches: s('Regular expression stdout must match (multi-line).'),
  },
  etcdSnapshot: {
    ...COMMON, ...FILE_REF,
    minKeys: int('The snapshot holds at least this many keys.'),
    kind: s('The snapshot holds an object of this kind (with name)…'),
    name: s('…and this name.'),
    namespace: s('…in this namespace; default "default" for namespaced kinds.'),
  },
  certificate: {
    ...COMMON, ...FILE_REF,
    commonName: s('The subject\'s CN (the user name Kubernetes sees).'),
    organization: s('One of the subject\'s O values (a group Kubernetes sees).'),
    issuer: s('The issuer\'s CN, e.g. kubernetes.'),
    notExpired: b('true: valid now on the cluster\'s clock; false: expired or not yet valid.'),
    minDaysLeft: int('Valid for at least this many more days.'),
  },
  nodeVersion: {
    ...COMMON, ...CLUSTER_F,
    name: s('Node name.', { required: true }),
    version: s('Kubelet version: v1.35.1 exactly, or v1.35 for any patch release.', { required: true }),
  },
} as const satisfies Record<string, FieldTable>;

export type CheckTypeName = keyof typeof CHECK_FIELDS;
export const CHECK_TYPE_NAMES = Object.keys(CHECK_FIELDS) as CheckTypeName[];

export const TABLES = {
  lab: LAB, environment: ENVIRONMENT, cluster: CLUSTER, node: NODE, taint: TAINT, host: HOST, file: FILE,
  parameter: PARAMETER, range: RANGE, prefix: PREFIX, step: STEP, task: TASK, check: COMMON,
} as const satisfies Record<string, FieldTable>;
export type TableName = keyof typeof TABLES;

/** The allowed keys of a table, for YamlReader.fields. */
export function keysOf(table: FieldTable): string[] {
  return Object.keys(table);
}
