// `cka-lab lab new <domain>/<id> [--exam]`: a new lab folder that already proves itself, so an
// author starts from green and changes one thing at a time, running `lab check` as they go.

import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CKA_DOMAINS } from '../lab';
import { displayPath, LABS_DIR } from './load';

/** Folder names for the CKA domains, as `lab new` accepts them. */
export const DOMAIN_SLUGS: Record<string, (typeof CKA_DOMAINS)[number]> = {
  'cluster-architecture': 'Cluster Architecture, Installation & Configuration',
  workloads: 'Workloads & Scheduling',
  networking: 'Services & Networking',
  storage: 'Storage',
  troubleshooting: 'Troubleshooting',
};

/** New labs go to `labs/` in the working directory if there is one, else the repository's. */
export function labNewCommand(args: string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream, labsDir = existsSync('labs') ? resolve('labs') : LABS_DIR): number {
  const exam = args.includes('--exam');
  const rest = args.filter((a) => a !== '--exam');
  const bad = rest.find((a) => a.startsWith('-'));
  if (bad) return fail(err, `lab new: unknown flag "${bad}"`);
  if (rest.length !== 1) return fail(err, 'lab new: give one DOMAIN/ID, e.g. workloads/rolling-updates');
  const m = /^([a-z-]+)\/([a-z0-9]([a-z0-9-]*[a-z0-9])?)$/.exec(rest[0] as string);
  if (!m) return fail(err, `lab new: "${rest[0]}" is not DOMAIN/ID (ID: lowercase letters, digits and dashes)`);
  const [, slug, id] = m as unknown as [string, string, string];
  const domain = DOMAIN_SLUGS[slug];
  if (!domain) return fail(err, `lab new: unknown domain "${slug}" (one of: ${Object.keys(DOMAIN_SLUGS).join(', ')})`);
  const dir = resolve(labsDir, slug, id);
  if (existsSync(dir)) return fail(err, `lab new: ${displayPath(dir)} already exists`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'lab.yaml'), exam ? examTemplate(id, domain) : labTemplate(id, domain));
  out.write(`created ${displayPath(join(dir, 'lab.yaml'))}\nIt proves itself already: edit it, then run  npx cka-lab lab check ${displayPath(dir)}\n`);
  return 0;
}

function fail(err: NodeJS.WritableStream, msg: string): number {
  err.write(`cka-lab: ${msg}\n`);
  return 2;
}

function title(id: string): string {
  return id.split('-').map((w, i) => (i === 0 ? w[0]?.toUpperCase() + w.slice(1) : w)).join(' ');
}

function labTemplate(id: string, domain: string): string {
  return `# yaml-language-server: $schema=/lab.schema.json
# A guided lab. Replace the task below with yours; \`npx cka-lab lab check\` must stay green:
# every check fails on the fresh environment and passes after the reference solution.
# Fields, check types and the rules of fair grading: docs/authoring.md.
id: ${id}
title: ${title(id)}
summary: One sentence for the catalogue.
domain: ${domain}
difficulty: beginner
minutes: 10
tags: []
kubernetesVersion: v1.35

instructions: |
  # ${title(id)}

  You are \`root\` on \`controlplane\` of a three-node cluster. Say what the lab teaches.

environment:
  # Preconditions and deliberate breakage, run silently before the learner starts.
  setup: |
    kubectl create namespace ${id}

steps:
  - title: Create the configuration
    text: |
      In the namespace \`${id}\`, create a ConfigMap \`settings\` with the key \`mode\` set to \`fast\`.
    hints:
      - "\`kubectl create configmap NAME -n NAMESPACE --from-literal=KEY=VALUE\`"
    solution: |
      kubectl create configmap settings -n ${id} --from-literal=mode=fast
    checks:
      - type: field
        title: ConfigMap settings in ${id} sets mode=fast
        kind: ConfigMap
        namespace: ${id}
        name: settings
        path: data.mode
        equals: fast
`;
}

function examTemplate(id: string, domain: string): string {
  return `# yaml-language-server: $schema=/lab.schema.json
# An exam: tasks with weights, each solved in a named context (or on a named host).
# \`npx cka-lab lab check\` must stay green. Fields and check types: docs/authoring.md.
id: ${id}
kind: exam
title: ${title(id)}
summary: One sentence for the catalogue.
domains: [${domain}]
difficulty: intermediate
minutes: 30
kubernetesVersion: v1.35

instructions: |
  # ${title(id)}

  Solve each task in the context it names. Sub-tasks earn partial credit.

tasks:
  - title: Create a namespace
    weight: 40
    context: kubernetes-admin@kubernetes
    text: |
      Create the namespace \`${id}\`.
    solution: |
      kubectl create namespace ${id}
    checks:
      - type: exists
        title: Namespace ${id} exists
        kind: Namespace
        name: ${id}
  - title: Run a pod
    weight: 60
    context: kubernetes-admin@kubernetes
    text: |
      In the namespace \`${id}\`, run a pod \`web\` with the image \`nginx:1.27\`.
    solution: |
      kubectl run web -n ${id} --image=nginx:1.27
    checks:
      - type: field
        title: Pod web runs nginx:1.27
        kind: Pod
        namespace: ${id}
        name: web
        path: spec.containers[0].image
        equals: nginx:1.27
      - type: podReady
        title: Pod web is Ready
        namespace: ${id}
        name: web
`;
}
