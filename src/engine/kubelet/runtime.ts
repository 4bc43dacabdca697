// The container runtime's state on one node (what containerd knows): sandboxes and
// containers per pod, the images it holds, the pod IPs it handed out. It lives in the host's
// state so it serialises with the world, and only the kubelet changes it.

import type { RunLog } from './logs';
import type { ProbeState } from './probes';

export type ContainerStage = 'pending' | 'pulling' | 'pullFailed' | 'backoff' | 'running' | 'crashBackoff' | 'exited' | 'configError';

export interface ContainerRecord {
  name: string;
  image: string;
  stage: ContainerStage;
  /** When the current stage ends (virtual ms). */
  due?: number;
  /** When the kubelet asked for the pull (for "including waiting"). */
  pullRequested?: number;
  pullStarted?: number;
  containerID?: string;
  startedAt?: string;
  imageID?: string;
  backoffCount?: number;
  backoffUntil?: number;
  lastError?: string;
  restartCount?: number;
  /** Exits since the last reset: the first restart is immediate, later ones back off. */
  crashCount?: number;
  /** When the running process exits, and how (absent: it runs until stopped). */
  exitAt?: number;
  exitCode?: number;
  /** The current (exited, not restarted) and the previous (restarted) terminations. */
  terminated?: Termination;
  lastTerminated?: Termination;
  /**
   * What the current process wrote that the simulation knows line by line (a control-plane
   * binary's startup error): `kubectl logs` / `crictl logs` show it. Absent: the image's usual output.
   */
  log?: string[];
  /** Waiting reason/message shown in the container status. */
  waiting?: { reason: string; message?: string };
  /** The log of the current (or last finished) run and of the one before it. */
  run?: RunLog;
  previousRun?: RunLog;
  /** Files written into the container through exec (null: removed), over its image and script. */
  files?: Record<string, string | null>;
  /** The process will be (or was) killed by the kernel's OOM killer. */
  oom?: boolean;
  /** Probe workers' state; `ready`/`started` as the probes last decided them. */
  probes?: ProbeState;
  ready?: boolean;
  started?: boolean;
  /** Why the kubelet is stopping the running container (failed liveness/startup probe). */
  killing?: { at: number; exitCode: number; reason: string };
}

export interface Termination {
  exitCode: number;
  reason: string;
  startedAt: string;
  finishedAt: string;
  containerID: string;
}

export interface PodRecord {
  /** Pod uid, or `static:<config hash>` for a static pod (it outlives its mirror pod). */
  id: string;
  namespace: string;
  name: string;
  stage: 'sandbox' | 'containers' | 'terminating';
  due?: number;
  podIP?: string;
  startTime: string;
  containers: ContainerRecord[];
  /** Init containers (and native sidecars), run in order before `containers`. */
  initContainers?: ContainerRecord[];
  /** Ephemeral containers (kubectl debug): started once, never restarted. */
  ephemeralContainers?: ContainerRecord[];
  /** emptyDir volumes' files, shared by the pod's containers: volume → path → content. */
  emptyDirs?: Record<string, Record<string, string>>;
  /** Times at which conditions became true, for lastTransitionTime. */
  readyToStartAt?: string;
  readyAt?: string;
}

export interface NodeRuntime {
  pods: Record<string, PodRecord>;
  /** Fully qualified image references present on the node. */
  images: string[];
  /** Last host octet handed out from the node's pod CIDR. */
  lastIP: number;
  /** The image puller is serial (kubelet's serializeImagePulls): when it is next free. */
  pullerFreeAt: number;
  /** Images being pulled and when that pull completes: later pulls of them find the layers local. */
  inFlight?: Record<string, number>;
}

export function emptyRuntime(): NodeRuntime {
  return { pods: {}, images: [], lastIP: 1, pullerFreeAt: 0 };
}
