// history: the lines typed at this terminal, numbered as bash numbers them.

import { ok, type Tool } from '../tool';

export const history: Tool = async (args, ctx) => {
  const lines = ctx.terminal.history();
  const n = args[0] && /^\d+$/.test(args[0]) ? Number(args[0]) : lines.length;
  const start = Math.max(0, lines.length - n);
  return ok(lines.slice(start).map((l, i) => `${String(start + i + 1).padStart(5)}  ${l}\n`).join(''));
};
