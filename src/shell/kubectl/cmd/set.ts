// kubectl set image TYPE/NAME CONTAINER=IMAGE …: updates container images in a pod or a
// workload's pod template ("*" means every container).

import type { Container, KubeObject, PodSpec } from '../../../engine/api/types';
import { DRY_RUN_FLAG, OUTPUT_FLAG, dryRunOf, type Command } from '../command';
import { CmdError, formatError } from '../errors';
import { kindName } from '../printers/output';
import { listObjects, parseResourceArgs } from '../resources';
import type { ResourceType } from '../../../engine/api/resources';
import { dryRunSuffix } from './util';
import { moreSetCommands } from './set-more';
import { FILES_AND_ARGS, resolveManifestObjects } from './create-from-file';

function podSpecOf(obj: KubeObject): PodSpec | undefined {
  if (obj.kind === 'Pod') return obj.spec as PodSpec;
  if (obj.kind === 'CronJob') return (obj.spec as { jobTemplate?: { spec?: { template?: { spec?: PodSpec } } } }).jobTemplate?.spec?.template?.spec;
  return (obj.spec as { template?: { spec?: PodSpec } }).template?.spec;
}

const image: Command = {
  name: 'image',
  short: 'Update the image of a pod template',
  usage: 'set image (-f FILENAME | TYPE NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ... CONTAINER_NAME_N=CONTAINER_IMAGE_N [options]',
  flags: { ...OUTPUT_FLAG, ...DRY_RUN_FLAG, all: { type: 'bool' }, selector: { type: 'string', short: 'l' }, local: { type: 'bool' }, 'field-manager': { type: 'string' }, filename: { type: 'strings', short: 'f' }, recursive: { type: 'bool', short: 'R' } },
  async run(inv) {
    const pairs = inv.args.filter((a) => a.includes('='));
    const resources = inv.args.filter((a) => !a.includes('='));
    if (!pairs.length) throw new CmdError(`error: at least one image update is required\nSee 'kubectl set image -h' for help and examples`);
    const dryRun = dryRunOf(inv);
    const conn = inv.connect();
    const api = conn.cluster.api;
    const files = inv.flags.list('filename');
    if (files.length && resources.length) throw new CmdError(FILES_AND_ARGS);
    const req = files.length ? undefined : parseResourceArgs(api, resources);
    let targets: { type: ResourceType; name: string; namespace?: string | undefined }[] = !req
      ? resolveManifestObjects(inv, files, 'set image').map((o) => ({ type: o.type, name: o.obj.metadata.name ?? '', namespace: o.namespace }))
      : req.pairs.length ? req.pairs : req.names.map((name) => ({ type: req.types[0] as ResourceType, name }));
    if (req && !targets.length) {
      if (!inv.flags.bool('all') && !inv.flags.string('selector')) throw new CmdError('error: resource(s) were provided, but no name was specified');
      targets = req.types.flatMap((t) => listObjects(api, t, conn.namespace, { labelSelector: inv.flags.string('selector') || undefined }).map((o) => ({ type: t, name: o.metadata.name ?? '' })));
    }
    let failed = false;
    for (const t of targets) {
      try {
        const obj = structuredClone(api.get(t.type, t.namespace ?? conn.namespace, t.name));
        const spec = podSpecOf(obj);
        if (!spec) throw new CmdError(`error: ${kindName(t.type, t.name)} has no pod template`);
        const all: Container[] = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
        for (const p of pairs) {
          const [name, img] = [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)];
          const hits = name === '*' ? all : all.filter((c) => c.name === name);
          if (!hits.length) throw new CmdError(`error: unable to find container named "${name}"`);
          for (const c of hits) c.image = img;
        }
        if (dryRun !== 'client') api.update(obj, { dryRun: dryRun === 'server' });
        inv.out(inv.flags.string('output') === 'name' ? `${kindName(t.type, t.name)}\n` : `${kindName(t.type, t.name)} image updated${dryRunSuffix(dryRun)}\n`);
      } catch (e) {
        inv.err(formatError(e));
        failed = true;
      }
    }
    return failed ? 1 : 0;
  },
};

export const setCommand: Command = {
  name: 'set',
  short: 'Configure application resources.',
  usage: 'set SUBCOMMAND [options]',
  flags: {},
  subcommands: [image, ...moreSetCommands],
};
