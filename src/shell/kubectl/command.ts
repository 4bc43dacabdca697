// What a kubectl subcommand module provides, and what it is handed when it runs.

import type { ToolContext } from '../tool';
import type { FlagSpec, Flags } from './flags';
import type { Connection } from './kubeconfig';
import { CmdError } from './errors';

export interface Invocation {
  ctx: ToolContext;
  /** The command path after "kubectl", e.g. "get" or "create deployment" (for usage hints). */
  path: string;
  flags: Flags;
  args: string[];
  argsLenAtDash: number;
  out(text: string): void;
  err(text: string): void;
  /** The cluster this command talks to; throws kubectl's connection error when there is none. */
  connect(): Connection;
  /** Virtual now, ms since the epoch. */
  now(): number;
}

export interface Command {
  name: string;
  aliases?: string[];
  /** One line for the help listing. */
  short: string;
  /** The `Usage:` line(s), without the leading "kubectl ". */
  usage: string;
  flags: FlagSpec;
  subcommands?: Command[];
  /** The command's own SetFlagErrorFunc: how it words a flag error (kubectl diff: exit 2, as its 1 means "differences"). */
  flagError?(message: string): CmdError;
  /** Returns the exit code (0 when omitted). Throw CmdError/ApiError to fail. */
  run?(inv: Invocation): Promise<number | void>;
}

/** The flags -o/--output style commands share. */
export const OUTPUT_FLAG: FlagSpec = { output: { type: 'string', short: 'o' } };

export const DRY_RUN_FLAG: FlagSpec = { 'dry-run': { type: 'string', noOptDefault: 'unchanged' } };

export type DryRun = 'none' | 'client' | 'server';

/** --dry-run's accepted values (cmdutil.GetDryRunStrategy), with kubectl's messages for the rest. */
export function dryRunOf(inv: Invocation): DryRun {
  if (!inv.flags.has('dry-run')) return 'none';
  const v = inv.flags.string('dry-run');
  switch (v) {
    case 'client':
    case 'server':
    case 'none':
      return v;
    case 'unchanged':
      throw new CmdError('error: --dry-run flag without a value was specified. A value must be provided, one of: "none", "server", or "client".');
    case 'false':
      return 'none';
    default:
      throw new CmdError(`error: Invalid dry-run value (${v}). Must be "none", "server", or "client".`);
  }
}
