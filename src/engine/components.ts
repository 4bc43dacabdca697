// Wiring of the cluster's components (scheduler, controllers, kubelets). Filled in by the
// engine modules; each is a level-triggered reconcile over the API server's objects.

import type { Timer } from './clock';
import type { Cluster, World } from './world';

export function runControllers(_world: World, _cluster: Cluster): void {}

export function fireTimer(_world: World, _timer: Timer): void {}
