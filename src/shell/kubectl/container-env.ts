// A container's environment, as the engine's kubelet builds it (engine/kubelet/env.ts).

export { containerEnv, decodeBase64 } from '../../engine/kubelet/env';
