// Kustomize as kubectl embeds it: `kubectl kustomize DIR`, and the objects `-k DIR` gives
// apply, delete and get.

export { kustomizeBuild, kustomizeYaml } from './build';
export { KustomizeError } from './types';
export { resolveKustomizeObjects } from './resolve';
