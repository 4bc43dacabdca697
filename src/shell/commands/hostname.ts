// hostname [-i]: the host's name or address.

import { ok, type Tool } from '../tool';

export const hostname: Tool = async (args, ctx) =>
  ok(args.includes('-i') || args.includes('-I') ? `${ctx.host.state.ip}\n` : `${ctx.host.name}\n`);
