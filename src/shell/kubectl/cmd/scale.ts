// kubectl scale --replicas=N (TYPE NAME | -f FILE): sets spec.replicas through the scale subresource.

import type { ResourceType } from '../../../engine/api/resources';
import { DRY_RUN_FLAG, OUTPUT_FLAG, dryRunOf, type Command } from '../command';
import { CmdError, formatError } from '../errors';
import { listObjects, parseResourceArgs } from '../resources';
import { dryRunSuffix } from './util';
import { FILES_AND_ARGS, resolveManifestObjects } from './create-from-file';
import { kindName } from '../printers/output';

const SCALABLE = ['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController'];

export const scaleCommand: Command = {
  name: 'scale',
  short: 'Set a new size for a deployment, replica set, replication controller, or stateful set.',
  usage: 'scale [--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME) [options]',
  flags: { ...OUTPUT_FLAG, ...DRY_RUN_FLAG, replicas: { type: 'int' }, 'current-replicas': { type: 'int' }, 'resource-version': { type: 'string' }, selector: { type: 'string', short: 'l' }, all: { type: 'bool' }, timeout: { type: 'string' }, filename: { type: 'strings', short: 'f' }, recursive: { type: 'bool', short: 'R' } },
  async run(inv) {
    if (!inv.flags.has('replicas')) throw new CmdError(`error: required flag(s) "replicas" not set`);
    const replicas = inv.flags.int('replicas', 0);
    if (replicas < 0) throw new CmdError('error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
    const files = inv.flags.list('filename');
    if (!inv.args.length && !files.length) throw new CmdError("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
    if (files.length && inv.args.length) throw new CmdError(FILES_AND_ARGS);
    const dryRun = dryRunOf(inv);
    const conn = inv.connect();
    const api = conn.cluster.api;
    // With -f, the objects the files describe (kubectl scales the live ones, by name).
    const fromFiles = files.length ? resolveManifestObjects(inv, files, 'scale').map((o) => ({ type: o.type, name: o.obj.metadata.name ?? '', namespace: o.namespace })) : [];
    const req = files.length ? undefined : parseResourceArgs(api, inv.args);
    let targets: { type: ResourceType; name: string; namespace?: string | undefined }[] = !req ? fromFiles : req.pairs.length ? req.pairs : req.names.map((name) => ({ type: req.types[0] as ResourceType, name }));
    if (req && !targets.length) {
      if (!inv.flags.string('selector') && !inv.flags.bool('all')) throw new CmdError('error: resource(s) were provided, but no name was specified');
      targets = req.types.flatMap((t) => listObjects(api, t, conn.namespace, { labelSelector: inv.flags.string('selector') || undefined }).map((o) => ({ type: t, name: o.metadata.name ?? '' })));
    }
    let failed = false;
    for (const t of targets) {
      try {
        if (!SCALABLE.includes(t.type.kind)) throw new CmdError(`error: no scaler has been implemented for {"${t.type.group}" "${t.type.kind}"}`);
        const obj = structuredClone(api.get(t.type, t.namespace ?? conn.namespace, t.name));
        const spec = (obj.spec ?? {}) as { replicas?: number };
        if (inv.flags.has('current-replicas') && (spec.replicas ?? 1) !== inv.flags.int('current-replicas', -1)) {
          throw new CmdError(`error: Expected replicas to be ${inv.flags.int('current-replicas', -1)}, was ${spec.replicas ?? 1}`);
        }
        spec.replicas = replicas;
        obj.spec = spec;
        if (dryRun !== 'client') api.update(obj, { dryRun: dryRun === 'server' });
        inv.out(inv.flags.string('output') === 'name' ? `${kindName(t.type, t.name)}\n` : `${kindName(t.type, t.name)} scaled${dryRunSuffix(dryRun)}\n`);
      } catch (e) {
        inv.err(formatError(e));
        failed = true;
      }
    }
    return failed ? 1 : 0;
  },
};
