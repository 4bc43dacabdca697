// What the openssl subcommands share: OpenSSL-style option parsing (-opt [value]), reading
// and writing files on the host, and OpenSSL 3's error wording for files it cannot open.

import type { ToolContext } from '../../tool';
import { resolvePath } from '../../tool';
import { parsePrivateKey, type RsaKey } from './keys';
import { parseCertificate, parseRequest } from './cert';
import type { Certificate } from '@peculiar/asn1-x509';
import type { CertificationRequest } from '@peculiar/asn1-csr';

/** Thrown to end a subcommand: the text goes to stderr, the exit code is 1. */
export class OpenSslError extends Error {}

// OpenSSL prefixes error-queue lines with the thread id; a fixed one reads like a real run.
const TID = '40C7D3F4E27F0000';

export interface Option {
  name: string;
  value?: string;
}

export interface ParsedArgs {
  /** Options in command-line order (printing options are honoured in this order). */
  opts: Option[];
  positional: string[];
  get(name: string): string | undefined;
  has(name: string): boolean;
}

/** Parses `-name [value]` options; `withValue` lists those that take one. */
export function parseOptions(cmd: string, args: string[], withValue: string[], flags: string[]): ParsedArgs {
  const opts: Option[] = [];
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (!a.startsWith('-') || a === '-') {
      positional.push(a);
      continue;
    }
    const name = a.replace(/^--?/, '');
    if (withValue.includes(name)) {
      const v = args[i + 1];
      if (v === undefined) throw new OpenSslError(`${cmd}: Option -${name} needs a value\n${cmd}: Use -help for summary.`);
      opts.push({ name, value: v });
      i++;
    } else if (flags.includes(name)) {
      opts.push({ name });
    } else {
      throw new OpenSslError(`${cmd}: Unknown option: ${a}\n${cmd}: Use -help for summary.`);
    }
  }
  return {
    opts,
    positional,
    get: (n) => [...opts].reverse().find((o) => o.name === n)?.value,
    has: (n) => opts.some((o) => o.name === n),
  };
}

export function hostPath(ctx: ToolContext, p: string): string {
  return resolvePath(ctx.cwd, p, ctx.env.get('HOME') ?? '/root');
}

function missing(what: string, file: string): OpenSslError {
  return new OpenSslError(
    `Could not open file or uri for loading ${what} from ${file}\n` +
      `${TID}:error:16000069:STORE routines:ossl_store_get0_loader_int:unregistered scheme:../crypto/store/store_register.c:237:scheme=file\n` +
      `${TID}:error:80000002:system library:file_open:No such file or directory:../providers/implementations/storemgmt/file_store.c:267:calling stat(${file})`,
  );
}

export function readText(ctx: ToolContext, file: string, what: string): string {
  if (file === '-' || file === '/dev/stdin') return ctx.stdin;
  const abs = hostPath(ctx, file);
  if (!ctx.host.fs.isFile(abs)) throw missing(what, file);
  return ctx.host.fs.read(abs);
}

export function loadKey(ctx: ToolContext, file: string, what = 'private key'): RsaKey {
  const key = parsePrivateKey(readText(ctx, file, what));
  if (!key) throw new OpenSslError(`Could not read ${what} from ${file}\n${TID}:error:1608010C:STORE routines:ossl_store_handle_load_result:unsupported:../crypto/store/store_result.c:151:`);
  return key;
}

export function loadCertificate(ctx: ToolContext, file: string, what = 'certificate'): Certificate {
  const cert = parseCertificate(readText(ctx, file, what));
  if (!cert) throw new OpenSslError(`Could not read ${what} from ${file}\nUnable to load ${what}`);
  return cert;
}

export function loadRequest(ctx: ToolContext, file: string): CertificationRequest {
  if (file !== '-' && !ctx.host.fs.isFile(hostPath(ctx, file))) {
    throw new OpenSslError(
      `Can't open "${file}" for reading, No such file or directory\n` +
        `${TID}:error:80000002:system library:BIO_new_file:No such file or directory:../crypto/bio/bss_file.c:67:calling fopen(${file}, r)\n` +
        `${TID}:error:10000080:BIO routines:BIO_new_file:no such file:../crypto/bio/bss_file.c:75:`,
    );
  }
  const csr = parseRequest(readText(ctx, file, 'certificate request'));
  if (!csr) throw new OpenSslError(`Unable to load X509 request\n${TID}:error:1608010C:STORE routines:ossl_store_handle_load_result:unsupported:../crypto/store/store_result.c:151:`);
  return csr;
}

/** Writes `text` to `file` (or returns it for stdout when there is no file). */
export function writeOut(ctx: ToolContext, file: string | undefined, text: string, mode?: number): string {
  if (!file || file === '-') return text;
  const abs = hostPath(ctx, file);
  const dir = abs.slice(0, abs.lastIndexOf('/')) || '/';
  if (!ctx.host.fs.isDir(dir) || ctx.host.fs.isDir(abs)) {
    const why = ctx.host.fs.isDir(abs) ? 'Is a directory' : 'No such file or directory';
    throw new OpenSslError(`Can't open "${file}" for writing, ${why}\n${TID}:error:80000002:system library:BIO_new_file:${why}:../crypto/bio/bss_file.c:67:calling fopen(${file}, w)`);
  }
  ctx.host.fs.write(abs, text, mode);
  return '';
}

/** The progress dots key generation prints on stderr (random like OpenSSL's, but from the world's seed). */
export function progressDots(ctx: ToolContext): string {
  const r = ctx.world.random;
  const run = () => {
    let s = '';
    const n = 3 + r.int(12);
    for (let i = 0; i < n; i++) s += '.'.repeat(1 + r.int(4)) + '+';
    return s + '+'.repeat(39) + '*';
  };
  return `${run()}${run()}.....\n`;
}
