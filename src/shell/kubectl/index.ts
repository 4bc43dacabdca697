// kubectl: finds the subcommand as cobra does (global flags may come first), parses its flags
// with pflag's rules, runs it, and turns whatever it throws into kubectl's stderr and exit code.

import { OutputWriter, type Tool, type ToolContext, type ToolResult } from '../tool';
import type { Command, Invocation } from './command';
import { COMMANDS } from './commands';
import { CmdError, formatError } from './errors';
import { FlagError, findVerb, parseFlags } from './flags';
import { ROOT_HELP, KNOWN_VERBS, commandHelp } from './help';
import { resolveCluster, type Connection } from './kubeconfig';

export const kubectl: Tool = async (argv, ctx) => {
  // One writer for both streams keeps a warning before the lines that follow it on a terminal.
  const w = new OutputWriter();
  const stdout = { push: (t: string) => w.out(t) };
  const stderr = { push: (t: string) => w.err(t) };
  let code = 0;
  try {
    code = await dispatch(argv, ctx, stdout, stderr);
  } catch (e) {
    stderr.push(formatError(e));
    code = e instanceof CmdError ? e.exitCode : 1;
  }
  return w.result(code) satisfies ToolResult;
};

type Sink = { push(text: string): void };

function findCommand(list: Command[], word: string): Command | undefined {
  return list.find((c) => c.name === word || c.aliases?.includes(word));
}

async function dispatch(argv: string[], ctx: ToolContext, stdout: Sink, stderr: Sink): Promise<number> {
  const at = findVerb(argv);
  if (at < 0) {
    // Root flags only (or nothing): validate them, then print the help as kubectl does.
    try {
      parseFlags(argv, {});
    } catch (e) {
      if (e instanceof FlagError) throw new CmdError(`error: ${e.message}\nSee 'kubectl --help' for usage.`);
      throw e;
    }
    stdout.push(ROOT_HELP);
    return 0;
  }
  const word = argv[at] as string;
  const top = findCommand(COMMANDS, word);
  if (!top) {
    if (KNOWN_VERBS.includes(word)) throw new CmdError(`error: "kubectl ${word}" is not available in this lab yet`);
    throw new CmdError(`error: unknown command "${word}" for "kubectl"`);
  }
  let cmd: Command = top;
  let rest = [...argv.slice(0, at), ...argv.slice(at + 1)];
  let path = cmd.name;
  while (cmd.subcommands?.length) {
    const sub = findVerb(rest, cmd.flags);
    const found: Command | undefined = sub >= 0 ? findCommand(cmd.subcommands, rest[sub] as string) : undefined;
    if (!found) break;
    cmd = found;
    path += ' ' + found.name;
    rest = [...rest.slice(0, sub), ...rest.slice(sub + 1)];
  }
  let parsed;
  try {
    parsed = parseFlags(rest, cmd.flags);
  } catch (e) {
    if (e instanceof FlagError) throw cmd.flagError?.(e.message) ?? new CmdError(`error: ${e.message}\nSee 'kubectl ${path} --help' for usage.`);
    throw e;
  }
  if (parsed.flags.bool('help') || !cmd.run) {
    if (!cmd.run && !parsed.flags.bool('help') && parsed.args.length) {
      throw new CmdError(`error: unknown command "${parsed.args[0]}" for "kubectl ${path}"`);
    }
    stdout.push(commandHelp(cmd, path));
    return 0;
  }
  let conn: Connection | undefined;
  const inv: Invocation = {
    ctx,
    path,
    flags: parsed.flags,
    args: parsed.args,
    argsLenAtDash: parsed.argsLenAtDash,
    out: (t) => { stdout.push(t); },
    err: (t) => { stderr.push(t); },
    connect: () => (conn ??= resolveCluster(ctx, parsed.flags, (t) => { stderr.push(t); })),
    now: () => ctx.world.clock.now,
  };
  return (await cmd.run(inv)) ?? 0;
}
