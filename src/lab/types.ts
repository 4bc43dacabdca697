// The lab format v0 as the rest of the product sees it: what `parseLab` returns. A lab is data
// (no JavaScript), so everything here is plain JSON and can cross the worker boundary.

import type { ClusterSpec, FileSpec } from '../engine/spec';

export const CKA_DOMAINS = [
  'Cluster Architecture, Installation & Configuration',
  'Workloads & Scheduling',
  'Services & Networking',
  'Storage',
  'Troubleshooting',
] as const;

export type Difficulty = 'beginner' | 'intermediate' | 'advanced';

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
}

export interface ExistsCheck extends CheckBase, ObjectRef {
  type: 'exists';
}

export interface FieldCheck extends CheckBase, ObjectRef {
  type: 'field';
  /** Dotted path with list selectors: `spec.template.spec.containers[name=app].image`. */
  path: string;
  equals?: unknown;
  matches?: string;
  contains?: unknown;
}

export interface PodReadyCheck extends CheckBase {
  type: 'podReady';
  cluster?: string;
  namespace?: string;
  /** One pod by name… */
  name?: string;
  /** …or exactly `count` Ready pods matching a label selector. */
  selector?: string;
  count?: number;
}

export interface FileContainsCheck extends CheckBase {
  type: 'fileContains';
  /** Defaults to the first cluster's control plane. */
  host?: string;
  path: string;
  text?: string;
  regex?: string;
}

export type Check = ExistsCheck | FieldCheck | PodReadyCheck | FileContainsCheck;
export type CheckType = Check['type'];

export interface Lab {
  id: string;
  title: string;
  summary?: string;
  domain?: string;
  difficulty?: Difficulty;
  /** Time estimate in minutes. */
  minutes?: number;
  kubernetesVersion?: string;
  /** Markdown shown to the learner (inline `instructions:` or the lab's README.md). */
  instructions: string;
  environment: LabEnvironment;
  checks: Check[];
  /** The reference solution, bash run on the control plane (inline or solution.sh). */
  solution: string;
  hints?: string[];
}

export interface CheckResult {
  title: string;
  passed: boolean;
  /** One line: why it passed, or what was expected and what was found. */
  reason: string;
  weight: number;
}

export interface GradeResult {
  checks: CheckResult[];
  score: number;
  total: number;
  passed: boolean;
}
