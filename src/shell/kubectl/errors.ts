// How kubectl words a failure (cmdutil.CheckErr): API status errors as "Error from server
// (Reason): …", Invalid with its field causes, and the client's own "error: …" lines.

import { ApiError } from '../../engine/api/errors';

/** A failure already worded as kubectl prints it; `message` goes to stderr as is. */
export class CmdError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
}

/** An API error whose message gains the source file, as cmdutil.AddSourceToErr does. */
export function withSource(verb: string, source: string | undefined, e: unknown): unknown {
  if (!(e instanceof ApiError) || !source || e.reason === 'Invalid') return e;
  const wrapped = new ApiError(e.reason, `error when ${verb} "${source}": ${e.message}`, e.details);
  return wrapped;
}

export function formatApiError(e: ApiError): string {
  if (e.reason === 'Invalid') {
    const d = e.details;
    const head = d.kind || d.name ? `The ${d.kind ?? ''} "${d.name ?? ''}" is invalid` : 'The request is invalid';
    const causes = d.causes ?? [];
    if (causes.length === 0) return `${head}\n`;
    if (causes.length === 1) return `${head}: ${causes[0]?.field}: ${causes[0]?.message}\n`;
    return `${head}: \n${causes.map((c) => `* ${c.field}: ${c.message}\n`).join('')}`;
  }
  return `Error from server (${e.reason}): ${e.message}\n`;
}

/** The stderr text for anything a command threw. */
export function formatError(e: unknown): string {
  if (e instanceof CmdError) return e.message.endsWith('\n') ? e.message : e.message + '\n';
  if (e instanceof ApiError) return formatApiError(e);
  const msg = e instanceof Error ? e.message : String(e);
  return `error: ${msg}\n`;
}
