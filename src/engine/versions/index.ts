// Versions of the simulated Kubernetes: the release catalogue, dpkg's installed packages,
// the apt repositories, and what each node and the control plane actually run.

export * from './catalogue';
export * from './dpkg';
export * from './apt-repo';
export * from './node-versions';
