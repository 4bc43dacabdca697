// Who kubectl authenticates as: the kubeconfig user's client certificate subject (CN is the
// user name, each O a group), or --as/--as-group impersonation; plus system:authenticated,
// as the API server's authenticator adds it.

import type { Invocation } from './command';
import { readKubeconfig, kubeconfigPath } from './kubeconfig';
import { resolvePath } from '../tool';

export interface UserInfo { username: string; groups: string[] }

function certSubject(pem: string): string | undefined {
  const body = pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
  let text = '';
  try { text = atob(body); } catch { return undefined; }
  return /^subject=(.*)$/m.exec(text)?.[1];
}

function fromSubject(subject: string): UserInfo {
  const parts = subject.split(/,\s*/).map((p) => p.split('=') as [string, string]);
  return { username: parts.find(([k]) => k === 'CN')?.[1] ?? '', groups: parts.filter(([k]) => k === 'O').map(([, v]) => v) };
}

/** The authenticated identity of this invocation, or undefined when it cannot be told. */
export function currentUser(inv: Invocation): UserInfo | undefined {
  const as = inv.flags.string('as');
  if (as) {
    const groups = inv.flags.list('as-group');
    const sa = /^system:serviceaccount:([^:]+):/.exec(as);
    if (sa) groups.push('system:serviceaccounts', `system:serviceaccounts:${sa[1]}`);
    return { username: as, groups: [...groups, 'system:authenticated'] };
  }
  const conn = inv.connect();
  const cfg = readKubeconfig(inv.ctx, kubeconfigPath(inv.ctx, inv.flags));
  const user = cfg?.users.find((u) => u.name === conn.user)?.user ?? {};
  let pem: string | undefined;
  const data = user['client-certificate-data'];
  if (typeof data === 'string') { try { pem = atob(data); } catch { pem = undefined; } }
  const file = user['client-certificate'];
  if (!pem && typeof file === 'string') pem = inv.ctx.host.fs.tryRead(resolvePath(inv.ctx.cwd, file, inv.ctx.env.get('HOME') ?? '/root'));
  const subject = pem ? certSubject(pem) : undefined;
  if (!subject) return undefined;
  const info = fromSubject(subject);
  return { username: info.username, groups: [...info.groups, 'system:authenticated'] };
}
