// Options of the API server's reads and writes.

export interface WriteOptions {
  dryRun?: boolean;
  /** Objects the API server makes itself at start (the RBAC bootstrap policy) keep the uid they
   * carry, so building a cluster does not shift what the world's random source draws later. */
  keepUid?: boolean;
}

export interface DeleteOptions extends WriteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Foreground' | 'Background' | 'Orphan';
}

export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
}
