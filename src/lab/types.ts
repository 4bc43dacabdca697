// The lab format v0 as the rest of the product sees it: what `parseLab` returns. A lab is data
// (no JavaScript), so everything here is plain JSON and can cross the worker boundary.

import type { ClusterSpec, FileSpec } from '../engine/spec';

export { CKA_DOMAINS } from './fields';
import type { DIFFICULTIES } from './fields';

export type Difficulty = (typeof DIFFICULTIES)[number];

/** A file placed on a host before the learner starts; `host` defaults to the first control plane. */
export interface LabFile extends Omit<FileSpec, 'host'> {
  host?: string;
}

export interface LabEnvironment {
  seed?: number;
  /** Defaults to the default world's single cluster `kubernetes`. */
  clusters?: ClusterSpec[];
  hosts?: { name: string; ip?: string }[];
  files?: LabFile[];
  /** Manifests created through the first cluster's API server after bootstrap. */
  objects?: Record<string, unknown>[];
  /** Bash run silently on the control plane before the learner starts. */
  setup?: string;
}

/** Where an object lives: `cluster` defaults to the lab's first cluster, `namespace` to "default". */
export interface ObjectRef {
  cluster?: string;
  kind: string;
  name: string;
  namespace?: string;
}

interface CheckBase {
  /** The sentence the learner reads: "Deployment web runs 3 ready replicas". */
  title: string;
  /** Partial credit: this check's share of the score. Default 1. */
  weight: number;
  /** The check may pass on the fresh environment (the proof does not refuse it). */
  initially?: boolean;
  /** Set by the parser: the guided step (0-based) or exam task title the check belongs to. */
  step?: number;
  task?: string;
}

/** How a value is compared: exactly one operator (or greaterThan with lessThan). */
export interface Comparison {
  equals?: unknown;
  matches?: string;
  contains?: unknown;
  oneOf?: unknown[];
  greaterThan?: number;
  lessThan?: number;
}

export interface ExistsCheck extends CheckBase, ObjectRef {
  type: 'exists';
}

export interface AbsentCheck extends CheckBase, ObjectRef {
  type: 'absent';
}

export interface FieldCheck extends CheckBase, ObjectRef, Comparison {
  type: 'field';
  /** Dotted path with list selectors: `spec.template.spec.containers[name=app].image`. */
  path: string;
}

export interface CountCheck extends CheckBase {
  type: 'count';
  cluster?: string;
  kind: string;
  namespace?: string;
  selector?: string;
  count: number;
}

export interface PodSetCheck extends CheckBase {
  type: 'podReady' | 'podRunning';
  cluster?: string;
  namespace?: string;
  /** One pod by name… */
  name?: string;
  /** …or exactly `count` matching pods by a label selector. */
  selector?: string;
  count?: number;
}
export type PodReadyCheck = PodSetCheck;

export interface RestartCountCheck extends CheckBase {
  type: 'restartCount';
  cluster?: string;
  namespace?: string;
  name: string;
  container?: string;
  min?: number;
  max?: number;
}

export interface RolloutCompleteCheck extends CheckBase {
  type: 'rolloutComplete';
  cluster?: string;
  namespace?: string;
  name: string;
  image?: string;
  container?: string;
  revision?: number;
}

export interface NodeSchedulableCheck extends CheckBase {
  type: 'nodeSchedulable';
  cluster?: string;
  name: string;
  schedulable: boolean;
}

export interface NodeTaintedCheck extends CheckBase {
  type: 'nodeTainted';
  cluster?: string;
  name: string;
  key: string;
  value?: string;
  effect?: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
  tainted: boolean;
}

export interface EventSeenCheck extends CheckBase {
  type: 'eventSeen';
  cluster?: string;
  namespace?: string;
  reason?: string;
  involvedKind?: string;
  involvedName?: string;
  message?: string;
}

export interface FileContainsCheck extends CheckBase {
  type: 'fileContains';
  /** Defaults to the first cluster's control plane. */
  host?: string;
  path: string;
  text?: string;
  regex?: string;
}

export interface FileExistsCheck extends CheckBase {
  type: 'fileExists';
  host?: string;
  path: string;
}

export interface FileParsesAsYamlCheck extends CheckBase {
  type: 'fileParsesAsYaml';
  host?: string;
  path: string;
  kind?: string;
}

export interface RunCheck extends CheckBase {
  type: 'run';
  host?: string;
  /** A kubeconfig user: kubectl in the command authenticates with that user's credentials. */
  as?: string;
  command: string;
  exitCode?: number;
  stdout?: string;
  stdoutContains?: string;
  stdoutMatches?: string;
}

/** A file that is a valid etcd snapshot (what `etcdctl snapshot save` writes). */
export interface EtcdSnapshotCheck extends CheckBase {
  type: 'etcdSnapshot';
  host?: string;
  path: string;
  minKeys?: number;
  /** An object the snapshot must hold: kind (as stored, e.g. Deployment) and name. */
  kind?: string;
  name?: string;
  namespace?: string;
}

/** A PEM X.509 certificate file and what it says about itself. */
export interface CertificateCheck extends CheckBase {
  type: 'certificate';
  host?: string;
  path: string;
  commonName?: string;
  organization?: string;
  /** The issuer's common name. */
  issuer?: string;
  /** Valid now on the world's clock (after NotBefore, before NotAfter). */
  notExpired?: boolean;
  /** Valid for at least this many more days. */
  minDaysLeft?: number;
}

/** The kubelet version a node reports (status.nodeInfo.kubeletVersion). */
export interface NodeVersionCheck extends CheckBase {
  type: 'nodeVersion';
  cluster?: string;
  name: string;
  /** v1.35.1 exactly, or v1.35 for any patch release of that minor. */
  version: string;
}

export type Check =
  | ExistsCheck | AbsentCheck | FieldCheck | CountCheck | PodSetCheck | RestartCountCheck | RolloutCompleteCheck
  | NodeSchedulableCheck | NodeTaintedCheck | EventSeenCheck | FileContainsCheck | FileExistsCheck | FileParsesAsYamlCheck | RunCheck
  | EtcdSnapshotCheck | CertificateCheck | NodeVersionCheck;
export type CheckType = Check['type'];

/** A guided lab's step: its own text, hints, solution and checks. */
export interface LabStep {
  title: string;
  text: string;
  hints?: string[];
  solution: string;
  checks: Check[];
}

/** An exam task, solved on a host and/or in a kube context, worth `weight` of the exam. */
export interface LabTask {
  title: string;
  text: string;
  weight: number;
  host?: string;
  context?: string;
  hints?: string[];
  solution: string;
  checks: Check[];
}

export type ParameterSpec =
  | { pick: (string | number)[] }
  | { int: { min: number; max: number } }
  | { name: { prefix: string } };

export interface Lab {
  id: string;
  /** `lab` (guided when it has steps) or `exam`. */
  kind: 'lab' | 'exam';
  title: string;
  summary?: string;
  /** The first of `domains` (kept for v0 readers). */
  domain?: string;
  domains?: string[];
  competency?: string;
  tags?: string[];
  difficulty?: Difficulty;
  /** Time estimate in minutes. */
  minutes?: number;
  kubernetesVersion?: string;
  /** Markdown shown to the learner (inline `instructions:` or the lab's README.md). */
  instructions: string;
  environment: LabEnvironment;
  /** Every check of the lab, in order (a guided lab's or exam's checks carry `step`/`task`). */
  checks: Check[];
  /** The reference solution, bash run on the control plane (inline or solution.sh); for steps
   * and tasks, their solutions in order (tasks with their `kubectl config use-context`). */
  solution: string;
  hints?: string[];
  steps?: LabStep[];
  tasks?: LabTask[];
  /** Declared parameters, and the values of this attempt (see instantiateLab). */
  parameters?: Record<string, ParameterSpec>;
  attempt?: { seed: number; values: Record<string, string> };
  /** The folder's files as parsed, so instantiateLab can draw another attempt. */
  source?: { dir: string; files: Record<string, string> };
}

export interface CheckResult {
  title: string;
  passed: boolean;
  /** One line: why it passed, or what was expected and what was found. */
  reason: string;
  weight: number;
  /** The guided step (0-based) or exam task title this check belongs to. */
  step?: number;
  task?: string;
}

/** A step's or task's share of the result. */
export interface PartResult {
  title: string;
  score: number;
  total: number;
  passed: boolean;
}

export interface GradeResult {
  checks: CheckResult[];
  score: number;
  total: number;
  passed: boolean;
  /** Guided labs: per step, in order. */
  steps?: PartResult[];
  /** Exams: per task, in order. */
  tasks?: PartResult[];
}
