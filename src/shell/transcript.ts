// Transcripts: what a person sees in the terminal, written down and replayed.
//
//   $ kubectl run web --image=nginx        a command (typed at the prompt)
//   > more of the same command             continuation lines (heredocs, long commands)
//   pod/web created                        expected output: both streams in the order written
//                                          (stdout, then stderr, unless the commands say otherwise)
//   [exit 1]                               the exit code, when it is not 0
//   # a comment                            ignored anywhere
//
// An output line that itself starts with "$ ", "> ", "#" or "[exit" is written with a
// leading backslash. Blank lines are output, except at the end of the file. Output that does
// not end in a newline is compared as if it did (the next prompt would start a new line).

import type { World } from '../engine/world';
import { Terminal } from './terminal';
import { orderedOutput } from './tool';

export interface TranscriptStep {
  /** 1-based line of the `$` line in the file. */
  line: number;
  command: string;
  expected: string;
  expectedExit: number;
}

export interface StepResult extends TranscriptStep {
  actual: string;
  actualExit: number;
}

export function parseTranscript(text: string): TranscriptStep[] {
  const lines = text.split('\n');
  while (lines.length && lines[lines.length - 1]?.trim() === '') lines.pop();
  const steps: TranscriptStep[] = [];
  let cur: (TranscriptStep & { out: string[] }) | undefined;
  const flush = () => {
    if (!cur) return;
    steps.push({ line: cur.line, command: cur.command, expectedExit: cur.expectedExit, expected: cur.out.map((l) => l + '\n').join('') });
  };
  lines.forEach((raw, i) => {
    if (raw.startsWith('#')) return;
    if (raw.startsWith('$ ') || raw === '$') {
      flush();
      cur = { line: i + 1, command: raw.slice(2), expected: '', expectedExit: 0, out: [] };
      return;
    }
    if (!cur) {
      if (raw.trim() === '') return;
      throw new Error(`line ${i + 1}: output before the first command: ${raw}`);
    }
    if (raw.startsWith('> ') && cur.out.length === 0) {
      cur.command += '\n' + raw.slice(2);
      return;
    }
    const exit = /^\[exit (\d+)\]$/.exec(raw);
    if (exit) {
      cur.expectedExit = Number(exit[1]);
      return;
    }
    cur.out.push(raw.startsWith('\\') ? raw.slice(1) : raw);
  });
  flush();
  return steps;
}

/** Runs every step in order on a fresh terminal, advancing the clock a second between commands. */
export async function runTranscript(text: string, world: World): Promise<StepResult[]> {
  const terminal = new Terminal({ world });
  const results: StepResult[] = [];
  let first = true;
  for (const step of parseTranscript(text)) {
    if (!first) world.advance(1000);
    first = false;
    const r = await terminal.run(step.command);
    // Each stream's last line is ended, as the next prompt would start a new line.
    const chunks = orderedOutput(r);
    const ends = new Map(chunks.map((c, i) => [c.stream, i]));
    const actual = chunks.map((c, i) => (ends.get(c.stream) === i && !c.data.endsWith('\n') ? c.data + '\n' : c.data)).join('');
    results.push({ ...step, actual, actualExit: r.exitCode });
  }
  return results;
}

/**
 * Writes a transcript with the output the code produces now, from one holding only commands
 * (and comments): for drafting a new transcript, to be checked against real kubectl by eye.
 */
export async function fillTranscript(text: string, world: World): Promise<string> {
  const results = await runTranscript(text, world);
  const byLine = new Map(results.map((r) => [r.line, r]));
  const lines = text.split('\n');
  let out = '';
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as string;
    const r = byLine.get(i + 1);
    if (r) {
      out += r.command.split('\n').map((c, j) => (j === 0 ? '$ ' : '> ') + c).join('\n') + '\n';
      while (lines[i + 1]?.startsWith('> ')) i++;
      const body = r.actual.endsWith('\n') ? r.actual.slice(0, -1) : r.actual;
      if (r.actual !== '') out += body.split('\n').map((x) => (/^(\$ |> |#|\[exit|\\)/.test(x) ? '\\' + x : x)).join('\n') + '\n';
      if (r.actualExit !== 0) out += `[exit ${r.actualExit}]\n`;
    } else if (l.startsWith('#') || l.trim() === '') out += l + '\n';
  }
  return out.replace(/\n+$/, '\n');
}
