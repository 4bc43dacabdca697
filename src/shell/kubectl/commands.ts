// The kubectl subcommands this lab implements.

import type { Command } from './command';
import { apiResourcesCommand } from './cmd/api-resources';
import { applyCommand } from './cmd/apply';
import { clusterInfoCommand } from './cmd/cluster-info';
import { configCommand } from './cmd/config';
import { createCommand } from './cmd/create';
import { deleteCommand } from './cmd/delete';
import { describeCommand } from './cmd/describe';
import { getCommand } from './cmd/get';
import { annotateCommand, labelCommand } from './cmd/label';
import { rolloutCommand } from './cmd/rollout';
import { runCommand } from './cmd/run';
import { scaleCommand } from './cmd/scale';
import { versionCommand } from './cmd/version';
import { exposeCommand } from './cmd/expose';
import { setCommand } from './cmd/set';
import { cordonCommand, taintCommand, uncordonCommand } from './cmd/node';
import { waitCommand } from './cmd/wait';

export const COMMANDS: Command[] = [
  getCommand, describeCommand, runCommand, createCommand, applyCommand, deleteCommand, scaleCommand, labelCommand,
  annotateCommand, versionCommand, clusterInfoCommand, configCommand, apiResourcesCommand, waitCommand, rolloutCommand,
  exposeCommand, setCommand, cordonCommand, uncordonCommand, taintCommand,
];
