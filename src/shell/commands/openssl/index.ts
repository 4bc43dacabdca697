// openssl: the subcommands a CKA candidate uses to make keys, requests and certificates
// (genrsa, req, x509, rsa, verify, version), each writing what OpenSSL 3.0 writes.

import type { Tool } from '../../tool';
import { genrsa, rsa } from './genrsa';
import { OpenSslError } from './io';
import { req } from './req';
import { verify } from './verify';
import { x509 } from './x509';

const VERSION = 'OpenSSL 3.0.13 30 Jan 2024 (Library: OpenSSL 3.0.13 30 Jan 2024)\n';

const SUBCOMMANDS: Record<string, Tool> = { genrsa, req, x509, rsa, verify };

export const openssl: Tool = async (args, ctx) => {
  const [sub, ...rest] = args;
  if (sub === undefined) return { stdout: '', stderr: '', exitCode: 0 };
  if (sub === 'version') return { stdout: VERSION, stderr: '', exitCode: 0 };
  const run = SUBCOMMANDS[sub];
  if (!run) {
    return { stdout: '', stderr: `Invalid command '${sub}'; type "help" for a list.\n`, exitCode: 1 };
  }
  try {
    return await run(rest, ctx);
  } catch (e) {
    if (e instanceof OpenSslError) return { stdout: '', stderr: e.message + '\n', exitCode: 1 };
    throw e;
  }
};
