// Helpers the mutating verbs share: sending a create with the dry-run mode, and printing the
// outcome as kubectl does ("pod/nginx created (dry run)" or the object in -o format).

import type { ResourceType } from '../../../engine/api/resources';
import type { KubeObject } from '../../../engine/api/types';
import type { DryRun, Invocation } from '../command';
import { CmdError } from '../errors';
import { checkFormat, kindName, printStructured } from '../printers/output';

export function dryRunSuffix(d: DryRun): string {
  return d === 'client' ? ' (dry run)' : d === 'server' ? ' (server dry run)' : '';
}

/** Prints one object after an operation: -o FORMAT, or `kind.group/name <operation>`. */
export function printOutcome(inv: Invocation, type: ResourceType, obj: KubeObject, operation: string, dryRun: DryRun): void {
  const output = inv.flags.string('output');
  if (output) {
    inv.out(printStructured(output, [{ type, obj }], true));
    return;
  }
  inv.out(`${kindName(type, obj.metadata.name)} ${operation}${dryRunSuffix(dryRun)}\n`);
}

/** Validates -o for commands that print a created object (no wide table). */
export function checkObjectFormat(inv: Invocation): void {
  const output = inv.flags.string('output');
  if (output === 'wide') throw new CmdError(`error: unable to match a printer suitable for the output format "wide", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml`);
  checkFormat(output, false);
}

/**
 * Creates `obj` as the generator-style `create`/`run` commands do: client dry-run returns the
 * object as built, server dry-run runs admission without storing. `wrap` words the failure
 * the way that subcommand does (e.g. "failed to create deployment: …").
 */
export function createObject(inv: Invocation, obj: KubeObject, dryRun: DryRun, wrap?: string): KubeObject {
  if (dryRun === 'client') return obj;
  const conn = inv.connect();
  const sent: KubeObject = { ...obj, metadata: { ...obj.metadata, namespace: obj.metadata.namespace ?? conn.namespace } };
  try {
    return conn.cluster.api.create(sent, { dryRun: dryRun === 'server' });
  } catch (e) {
    if (wrap && e instanceof Error && !(e instanceof CmdError) && (e as { reason?: string }).reason !== 'Invalid') {
      throw new CmdError(`error: ${wrap}${e.message}`);
    }
    throw e;
  }
}

/** Exactly one NAME, as the create subcommands require. */
export function oneName(inv: Invocation): string {
  const names = inv.argsLenAtDash >= 0 ? inv.args.slice(0, inv.argsLenAtDash) : inv.args;
  if (names.length !== 1) throw new CmdError(`error: exactly one NAME is required, got ${names.length}\nSee 'kubectl ${inv.path} -h' for help and examples`);
  return names[0] as string;
}

export function parseKeyValue(s: string, what: string): [string, string] {
  const i = s.indexOf('=');
  if (i <= 0) throw new CmdError(`error: invalid ${what}: ${s}`);
  return [s.slice(0, i), s.slice(i + 1)];
}
