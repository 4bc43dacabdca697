// describe serviceaccount / certificatesigningrequest / priorityclass / poddisruptionbudget, as
// describe.go's describeServiceAccount, describeCertificateSigningRequest, describePriorityClass
// and describePodDisruptionBudgetV1 lay them out.

import { selectorString } from '../../../engine/api/labels';
import type { ResourceType } from '../../../engine/api/resources';
import type { ApiServer } from '../../../engine/api/store';
import type { KubeEvent, KubeObject, LabelSelector } from '../../../engine/api/types';
import { parseCsrPem } from '../../../engine/pki/csr';
import { labelsString } from '../printers/columns';
import { csrCondition, csrRequestedDuration } from '../printers/columns/policy';
import { writeEvents } from './events';
import { DescribeWriter, rfc1123z, writeAnnotations, writeLabels } from './writer';

export function describeServiceAccount(api: ApiServer, sa: KubeObject, events: KubeEvent[] | undefined, now: number): string {
  const w = new DescribeWriter();
  w.line(0, 'Name:', sa.metadata.name ?? '');
  w.line(0, 'Namespace:', sa.metadata.namespace ?? '');
  writeLabels(w, 'Labels', sa.metadata.labels);
  writeAnnotations(w, 'Annotations', sa.metadata.annotations);
  const secrets = api.list(api.lookup('secrets') as ResourceType, sa.metadata.namespace);
  const existing = new Set(secrets.map((s) => s.metadata.name));
  const tokens = secrets.filter((s) => s.type === 'kubernetes.io/service-account-token'
    && s.metadata.annotations?.['kubernetes.io/service-account.name'] === sa.metadata.name
    && s.metadata.annotations?.['kubernetes.io/service-account.uid'] === sa.metadata.uid);
  const names = (refs: unknown) => ((refs as { name?: string }[] | undefined) ?? []).map((r) => r.name ?? '');
  // The three headers are padded to one width and written in sorted order, as kubectl does.
  const sections: [string, string[]][] = [
    ['Image pull secrets:', names(sa.imagePullSecrets)],
    ['Mountable secrets: ', names(sa.secrets)],
    ['Tokens:            ', tokens.map((t) => t.metadata.name ?? '')],
  ];
  for (const [header, list] of sections) {
    if (!list.length) { w.write(0, `${header}\t<none>\n`); continue; }
    list.forEach((n, i) => w.write(0, `${i ? '                   ' : header}\t${n}${existing.has(n) ? '' : ' (not found)'}\n`));
  }
  if (events) writeEvents(w, events, now);
  return w.toString();
}

/** The CSR's subject lines: "\tName:\tvalue", continued on "\t\tvalue" lines. */
function writeList(w: DescribeWriter, name: string, values: string[]): void {
  if (!values.length) return;
  w.write(0, `\t${name}:\t${values.join('\n\t\t')}\n`);
}

/** describe csr. The API server only stores requests that parse, so the subject is always there. */
export function describeCertificateSigningRequest(csr: KubeObject, events: KubeEvent[] | undefined, now: number): string {
  const spec = (csr.spec ?? {}) as { request?: string; signerName?: string; username?: string; expirationSeconds?: number };
  let pem = '';
  try {
    pem = atob(spec.request ?? '');
  } catch {
    pem = '';
  }
  const parsed = parseCsrPem(pem);
  const subject = parsed?.subject ?? { commonName: '', organizations: [], attributes: [] };
  const w = new DescribeWriter();
  w.line(0, 'Name:', csr.metadata.name ?? '');
  w.line(0, 'Labels:', labelsString(csr.metadata.labels));
  w.line(0, 'Annotations:', labelsString(csr.metadata.annotations));
  w.line(0, 'CreationTimestamp:', rfc1123z(csr.metadata.creationTimestamp));
  w.line(0, 'Requesting User:', spec.username ?? '');
  if (spec.signerName) w.line(0, 'Signer:', spec.signerName);
  if (spec.expirationSeconds !== undefined && spec.expirationSeconds !== null) w.line(0, 'Requested Duration:', csrRequestedDuration(csr));
  w.line(0, 'Status:', csrCondition(csr));
  w.write(0, 'Subject:\n');
  const attr = (type: string) => subject.attributes.filter(([t]) => t === type).map(([, v]) => v);
  w.write(0, `\tCommon Name:\t${subject.commonName}\n`);
  // serialNumber, street and postalCode have no short name in our DN reader: their OIDs.
  w.write(0, `\tSerial Number:\t${attr('2.5.4.5').join('')}\n`);
  writeList(w, 'Organization', subject.organizations);
  writeList(w, 'Organizational Unit', attr('OU'));
  writeList(w, 'Country', attr('C'));
  writeList(w, 'Locality', attr('L'));
  writeList(w, 'Province', attr('ST'));
  writeList(w, 'StreetAddress', attr('2.5.4.9'));
  writeList(w, 'PostalCode', attr('2.5.4.17'));
  if (parsed && parsed.dnsNames.length + parsed.emailAddresses.length + parsed.ipAddresses.length > 0) {
    w.write(0, 'Subject Alternative Names:\n');
    writeList(w, 'DNS Names', parsed.dnsNames);
    writeList(w, 'Email Addresses', parsed.emailAddresses);
    writeList(w, 'IP Addresses', parsed.ipAddresses);
  }
  if (events) writeEvents(w, events, now);
  return w.toString();
}

export function describePriorityClass(pc: KubeObject, events: KubeEvent[] | undefined, now: number): string {
  const w = new DescribeWriter();
  w.line(0, 'Name:', pc.metadata.name ?? '');
  w.line(0, 'Value:', String(pc.value ?? 0));
  w.line(0, 'GlobalDefault:', String(pc.globalDefault === true));
  w.line(0, 'PreemptionPolicy:', String(pc.preemptionPolicy ?? ''));
  w.line(0, 'Description:', String(pc.description ?? ''));
  w.line(0, 'Annotations:', labelsString(pc.metadata.annotations));
  if (events) writeEvents(w, events, now);
  return w.toString();
}

export function describePodDisruptionBudget(pdb: KubeObject, events: KubeEvent[] | undefined, now: number): string {
  const spec = (pdb.spec ?? {}) as { minAvailable?: number | string; maxUnavailable?: number | string; selector?: LabelSelector };
  const st = (pdb.status ?? {}) as { disruptionsAllowed?: number; currentHealthy?: number; desiredHealthy?: number; expectedPods?: number };
  const w = new DescribeWriter();
  w.line(0, 'Name:', pdb.metadata.name ?? '');
  w.line(0, 'Namespace:', pdb.metadata.namespace ?? '');
  if (spec.minAvailable !== undefined && spec.minAvailable !== null) w.line(0, 'Min available:', String(spec.minAvailable));
  else if (spec.maxUnavailable !== undefined && spec.maxUnavailable !== null) w.line(0, 'Max unavailable:', String(spec.maxUnavailable));
  w.line(0, 'Selector:', spec.selector ? selectorString(spec.selector) : '<unset>');
  w.write(0, 'Status:\n');
  w.line(2, 'Allowed disruptions:', String(st.disruptionsAllowed ?? 0));
  w.line(2, 'Current:', String(st.currentHealthy ?? 0));
  w.line(2, 'Desired:', String(st.desiredHealthy ?? 0));
  w.line(2, 'Total:', String(st.expectedPods ?? 0));
  if (events) writeEvents(w, events, now);
  return w.toString();
}
