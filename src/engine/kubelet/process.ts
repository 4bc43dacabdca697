// What a container's main process does once started: serve forever, or exit after a while
// with an exit code. Decided from the command/args (a shell script's sleeps, loops and
// exits; `sleep N`) or, without a command, from the image's default entrypoint (a shell
// exits at once with no TTY; mysql/postgres exit 1 without their required password env).

import type { Container } from '../api/types';
import { parseImage } from './images';

export type ProcessPlan = { forever: true } | { forever: false; exitAfterMs: number; exitCode: number };

const FOREVER: ProcessPlan = { forever: true };
const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh']);
/** Images whose default command is an interactive shell or REPL: it exits at once without a TTY. */
const SHELL_IMAGES = new Set(['busybox', 'alpine', 'ubuntu', 'debian', 'centos', 'python', 'node', 'curlimages/curl', 'bitnami/kubectl']);

function seconds(v: string): number | undefined {
  if (v === 'infinity' || v === 'inf') return Infinity;
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(v);
  if (!m) return undefined;
  return Number(m[1]) * ({ '': 1, s: 1, m: 60, h: 3600, d: 86400 } as Record<string, number>)[m[2] ?? ''];
}

function exits(afterSeconds: number, code: number): ProcessPlan {
  return Number.isFinite(afterSeconds) ? { forever: false, exitAfterMs: Math.max(50, Math.round(afterSeconds * 1000)), exitCode: code } : FOREVER;
}

function interactiveShell(c: Container, argv: string[]): boolean {
  if (!argv.length) return SHELL_IMAGES.has(parseImage(c.image ?? '').repository.replace(/^docker\.io\/(library\/)?/, ''));
  return SHELLS.has((argv[0] as string).split('/').pop() as string) && !argv.includes('-c');
}

/** A `sh -c` script: loops forever, or sleeps its sleeps and exits with its last `exit`. */
function planScript(script: string): ProcessPlan {
  if (/\bwhile\s+(true|:|\[\s*1\s*\])|\btail\s+-f\b|\bsleep\s+infinity\b|\bnginx\b|\bhttpd\b|\bnc\s+-l/.test(script)) return FOREVER;
  let total = 0;
  for (const m of script.matchAll(/\bsleep\s+(\S+)/g)) total += seconds((m[1] as string).replace(/[;&|)]+$/, '')) ?? 0;
  const exit = /\bexit\s+(\d+)/.exec(script);
  return exits(total, exit ? Number(exit[1]) : 0);
}

export function planProcess(c: Container): ProcessPlan {
  const argv = [...(c.command ?? []), ...(c.args ?? [])];
  // A shell with stdin kept open (kubectl run -i, kubectl debug -i) waits for its input.
  if (c.stdin === true && interactiveShell(c, argv)) return FOREVER;
  if (argv.length === 0 || !c.command?.length) {
    const repo = parseImage(c.image ?? '').repository.replace(/^docker\.io\/(library\/)?/, '');
    const env = new Set((c.env ?? []).map((e) => e.name));
    if (repo === 'mysql' && !['MYSQL_ROOT_PASSWORD', 'MYSQL_ALLOW_EMPTY_PASSWORD', 'MYSQL_RANDOM_ROOT_PASSWORD'].some((e) => env.has(e))) return exits(1, 1);
    if (repo === 'postgres' && !env.has('POSTGRES_PASSWORD') && !(c.env ?? []).some((e) => e.name === 'POSTGRES_HOST_AUTH_METHOD' && e.value === 'trust')) return exits(1, 1);
    if (argv.length === 0) return SHELL_IMAGES.has(repo) ? exits(0, 0) : FOREVER;
    // Only args: they go to the image's entrypoint; a shell image runs them as a command.
    if (!SHELL_IMAGES.has(repo)) return FOREVER;
  }
  const bin = (argv[0] as string).split('/').pop() as string;
  if (SHELLS.has(bin)) {
    const i = argv.indexOf('-c');
    if (i >= 0 && argv[i + 1] !== undefined) return planScript(argv.slice(i + 1).join(' '));
    return argv.length === 1 ? exits(0, 0) : planScript(argv.slice(1).join(' '));
  }
  if (bin === 'sleep') return exits(seconds(argv[1] ?? '') ?? 0, argv[1] && seconds(argv[1]) !== undefined ? 0 : 1);
  if (bin === 'true') return exits(0, 0);
  if (bin === 'false') return exits(0, 1);
  if (bin === 'echo' || bin === 'date' || bin === 'env' || bin === 'printenv' || bin === 'ls' || bin === 'cat' || bin === 'hostname' || bin === 'nslookup' || bin === 'wget' || bin === 'curl') return exits(0.1, 0);
  return FOREVER;
}
