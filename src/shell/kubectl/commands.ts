// The kubectl subcommands this lab implements.

import type { Command } from './command';
import { apiResourcesCommand, apiVersionsCommand } from './cmd/api-resources';
import { proxyCommand } from './cmd/proxy';
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
import { editCommand } from './cmd/edit';
import { patchCommand } from './cmd/patch';
import { replaceCommand } from './cmd/replace';
import { logsCommand } from './cmd/logs';
import { execCommand } from './cmd/exec';
import { debugCommand } from './cmd/debug';
import { attachCommand } from './cmd/attach';
import { drainCommand } from './cmd/drain';
import { explainCommand } from './cmd/explain';
import { autoscaleCommand } from './cmd/set-more';
import { topCommand } from './cmd/top';
import { authCommand } from './cmd/auth';
import { eventsCommand } from './cmd/events';
import { completeCommand, completionCommand } from './cmd/completion';
import { kustomizeCommand } from './cmd/kustomize';
import { certificateCommand } from './cmd/certificate';
import { diffCommand } from './cmd/diff';
import { cpCommand } from './cmd/cp';
import { portForwardCommand } from './cmd/port-forward';

export const COMMANDS: Command[] = [
  getCommand, describeCommand, runCommand, createCommand, applyCommand, deleteCommand, scaleCommand, labelCommand,
  annotateCommand, versionCommand, clusterInfoCommand, configCommand, apiResourcesCommand, waitCommand, rolloutCommand,
  exposeCommand, setCommand, cordonCommand, uncordonCommand, taintCommand,
  editCommand, patchCommand, replaceCommand, logsCommand, execCommand, debugCommand, attachCommand,
  drainCommand, topCommand, authCommand, eventsCommand, completionCommand, completeCommand, autoscaleCommand, explainCommand,
  kustomizeCommand, certificateCommand, apiVersionsCommand, proxyCommand,
  diffCommand, cpCommand, portForwardCommand,
];
