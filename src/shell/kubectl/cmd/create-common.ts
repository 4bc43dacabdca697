// What the `kubectl create <generator>` subcommands share: their common flags, the namespace
// they stamp on the object, and creating-then-printing it.

import type { KubeObject } from '../../../engine/api/types';
import { DRY_RUN_FLAG, OUTPUT_FLAG, dryRunOf, type Invocation } from '../command';
import type { FlagSpec } from '../flags';
import { builtinType } from '../resources';
import { checkObjectFormat, createObject, printOutcome } from './util';

export const COMMON: FlagSpec = { ...OUTPUT_FLAG, ...DRY_RUN_FLAG, 'save-config': { type: 'bool' }, 'field-manager': { type: 'string' }, validate: { type: 'string', noOptDefault: 'strict' } };

export function ns(inv: Invocation): Record<string, string> {
  return inv.flags.has('namespace') ? { namespace: inv.flags.string('namespace') } : {};
}

export function finish(inv: Invocation, plural: string, obj: KubeObject, wrap?: string): number {
  checkObjectFormat(inv);
  const dryRun = dryRunOf(inv);
  printOutcome(inv, builtinType(plural), createObject(inv, obj, dryRun, wrap), 'created', dryRun);
  return 0;
}
