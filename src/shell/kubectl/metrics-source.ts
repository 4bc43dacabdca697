// kubectl's view of the Metrics API: the engine's simulated usage (engine/metrics), behind
// the availability check kubectl top makes first, with its wording when there is none.

import type { ApiServer } from '../../engine/api/store';
import { metricsAvailability } from '../../engine/metrics/server';
import { CmdError } from './errors';

export { nodeUsage, podUsage, type Usage } from '../../engine/metrics/usage';

/** Throws kubectl's error when the Metrics API is not served or has no data yet. */
export function requireMetrics(api: ApiServer, now: number): void {
  const a = metricsAvailability(api, now);
  if (a === 'not-installed') throw new CmdError('error: Metrics API not available');
  if (a === 'warming-up') throw new CmdError('error: metrics not available yet');
}
