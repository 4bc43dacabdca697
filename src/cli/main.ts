// The cka-lab command line. Its interface is a contract other tools rely on: keep it stable.

// The commands load lazily: `--help` and usage errors answer without building any world.
import type { RunOptions } from './run';

export const USAGE = `Usage:
  cka-lab run [--lab ID|PATH] [--seed N] [--step SECONDS] SCRIPT|-
      Run a bash script as root on controlplane of a fresh default world (or of a lab's
      environment with --lab: an id under labs/, a lab folder or a lab.yaml; --seed picks the
      attempt of a parameterised lab and the world's seed). '-' reads the script from stdin. Prints the script's stdout and stderr and exits with its status.
      The virtual clock advances SECONDS (default 1) between top-level statements; sleep,
      kubectl wait and kubectl rollout status advance it by themselves.

  cka-lab lab check [PATH...]
      Prove labs (default: every lab under labs/): each check must fail on the fresh
      environment (unless marked initially: true) and pass after the lab's reference
      solution (a guided lab's or exam's checks after their own step's or task's solution),
      for three seeds. One line per lab; exits non-zero if any lab fails its proof. PATH may
      be a labs directory, a lab folder or a lab.yaml.

  cka-lab lab new DOMAIN/ID [--exam]
      Create labs/DOMAIN/ID/lab.yaml: a guided lab (or with --exam an exam) that already
      proves itself, to edit. DOMAIN is one of cluster-architecture, workloads, networking,
      storage, troubleshooting.

  cka-lab lab schema
      Print the JSON Schema of lab.yaml (what public/lab.schema.json holds).

  cka-lab import-killercoda DIR [--out labs/ID] [--domain NAME]
      Convert a Killercoda scenario folder (index.json, step Markdown, verify.sh,
      background.sh, assets/) into a guided lab: each step's verify.sh becomes its run:
      check, background scripts the environment setup, assets environment files. Prints
      what did not convert; then run  cka-lab lab check  on the new folder.

  cka-lab --help
      Show this help.
`;

function usageError(msg: string): number {
  process.stderr.write(`cka-lab: ${msg}\n\n${USAGE}`);
  return 2;
}

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  if (cmd === undefined || cmd === '--help' || cmd === '-h' || cmd === 'help') {
    (cmd === undefined ? process.stderr : process.stdout).write(USAGE);
    return cmd === undefined ? 2 : 0;
  }
  if (cmd === 'run') return run(rest);
  if (cmd === 'import-killercoda') {
    if (rest.includes('--help') || rest.includes('-h')) {
      process.stdout.write(USAGE);
      return 0;
    }
    const { importKillercodaCommand } = await import('./import');
    return importKillercodaCommand(rest, process.stdout, process.stderr);
  }
  if (cmd === 'lab') {
    const [sub, ...paths] = rest;
    if (sub === 'check') {
      if (paths.includes('--help') || paths.includes('-h')) {
        process.stdout.write(USAGE);
        return 0;
      }
      const { labCheckCommand } = await import('./check');
      return labCheckCommand(paths, process.stdout);
    }
    if (sub === 'new') {
      const { labNewCommand } = await import('./new');
      return labNewCommand(paths, process.stdout, process.stderr);
    }
    if (sub === 'schema') {
      const { labSchema } = await import('../lab');
      process.stdout.write(`${JSON.stringify(labSchema(), null, 2)}\n`);
      return 0;
    }
    return usageError(sub === undefined ? 'lab: missing subcommand (check, new, schema)' : `lab: unknown subcommand "${sub}"`);
  }
  return usageError(`unknown command "${cmd}"`);
}

async function run(args: string[]): Promise<number> {
  let script: string | undefined;
  let stepSeconds = 1;
  let lab: string | undefined;
  let seed: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    const value = (flag: string): string | undefined => {
      if (a.startsWith(`${flag}=`)) return a.slice(flag.length + 1);
      const v = args[i + 1];
      i++;
      return v;
    };
    if (a === '--help' || a === '-h') {
      process.stdout.write(USAGE);
      return 0;
    } else if (a === '--step' || a.startsWith('--step=')) {
      const v = value('--step');
      const n = Number(v);
      if (v === undefined || v === '' || !Number.isFinite(n) || n < 0) return usageError(`--step needs a number of seconds, got ${v === undefined ? 'nothing' : `"${v}"`}`);
      stepSeconds = n;
    } else if (a === '--seed' || a.startsWith('--seed=')) {
      const v = value('--seed');
      if (v === undefined || !/^\d+$/.test(v)) return usageError(`--seed needs a whole number, got ${v === undefined ? 'nothing' : `"${v}"`}`);
      seed = Number(v);
    } else if (a === '--lab' || a.startsWith('--lab=')) {
      lab = value('--lab');
      if (!lab) return usageError('--lab needs a lab id or path');
    } else if (a.startsWith('-') && a !== '-') {
      return usageError(`run: unknown flag "${a}"`);
    } else if (script !== undefined) {
      return usageError(`run: only one SCRIPT, got "${script}" and "${a}"`);
    } else {
      script = a;
    }
  }
  if (script === undefined) return usageError('run: missing SCRIPT (a file, or - for stdin)');
  const opts: RunOptions = { script, stepSeconds };
  if (lab !== undefined) opts.lab = lab;
  if (seed !== undefined) opts.seed = seed;
  const { runCommand } = await import('./run');
  return runCommand(opts, process.stdout, process.stderr);
}
