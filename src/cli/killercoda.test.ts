import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseLab, type RunCheck } from '../lab';
import { convertKillercoda, unknownCommands } from './killercoda';
import { convertStepMarkdown } from './killercoda-markdown';
import { readLabFiles } from './load';

const FIXTURE = join(__dirname, 'fixtures/killercoda-configmaps-secrets');

describe('step Markdown', () => {
  test('{{exec}} blocks become bash blocks, {{copy}} plain ones, inline markers go', () => {
    const md = convertStepMarkdown('Run `kubectl get ns`{{exec}} first.\n\n```plain\nkubectl get pods\n```{{exec}}\n\n```bash\nls\n```{{copy}}\n\n```yaml\nkind: Pod\n```\n', 'step 1');
    expect(md.text).toBe('Run `kubectl get ns` first.\n\n```bash\nkubectl get pods\n```\n\n```plain\nls\n```\n\n```yaml\nkind: Pod\n```\n');
    expect(md.solution).toEqual(['kubectl get ns', 'kubectl get pods']);
    expect(md.warnings).toEqual([]);
  });

  test('<details> blocks become hints, and their {{exec}} code is the solution', () => {
    const md = convertStepMarkdown('Do it.\n\n`kubectl get cm`{{exec}}\n\n<details>\n<summary>Solution</summary>\n\n```\nkubectl create cm a\n```{{exec interrupt}}\n\n</details>\n', 'step 2');
    expect(md.text).toBe('Do it.\n\n`kubectl get cm`\n');
    expect(md.hints).toEqual(['**Solution**\n\n```bash\nkubectl create cm a\n```\n']);
    expect(md.solution).toEqual(['kubectl create cm a']);
  });

  test('an unmarked block before a marked one stays whole', () => {
    const md = convertStepMarkdown('```\ncat a\n```\ntext\n```\ncat b\n```{{exec}}\n', 's');
    expect(md.text).toBe('```\ncat a\n```\ntext\n```bash\ncat b\n```\n');
    expect(md.solution).toEqual(['cat b']);
  });

  test('what has no equivalent is reported', () => {
    const md = convertStepMarkdown('Open {{TRAFFIC_HOST1_30080}}<br>\n\n![arch](./arch.png)\n', 'step 3');
    expect(md.warnings).toEqual([
      'step 3: Killercoda markers left as text: {{TRAFFIC_HOST1_30080}} (traffic ports and other markers have no equivalent)',
      'step 3: HTML is shown as text on the page: <br>',
      'step 3: images are not shown on the page',
    ]);
  });
});

describe('scenario', () => {
  test('the ConfigMaps and Secrets fixture converts into a guided lab that parses', () => {
    const { yaml, warnings } = convertKillercoda(readLabFiles(FIXTURE), { id: 'configmaps-and-secrets', domain: 'Workloads & Scheduling', knownCommand: () => true });
    expect(warnings).toEqual([
      'details.intro.foreground: foreground scripts are not converted (the terminal starts at a prompt)',
      'details.finish: the finish page is not converted (the page shows the results instead)',
    ]);
    const lab = parseLab('labs/configmaps-and-secrets', { 'lab.yaml': yaml });
    expect(lab).toMatchObject({ id: 'configmaps-and-secrets', kind: 'lab', title: 'ConfigMaps and Secrets' });
    expect(lab.summary).toMatch(/^Keep configuration out of the image/);
    expect(lab).toMatchObject({ difficulty: 'beginner', minutes: 15, domains: ['Workloads & Scheduling'] });
    // kubernetes-kubeadm-2nodes boots controlplane and node01.
    expect(lab.environment.clusters?.map((c) => c.nodes.map((n) => n.name))).toEqual([['controlplane', 'node01']]);
    expect(lab.instructions).toMatch(/^# ConfigMaps and Secrets\n/);
    expect(lab.environment.setup).toBe('kubectl create namespace shop\ntouch /tmp/finished\n');
    expect(lab.environment.files).toEqual([{ path: '/root/web-pod.yaml', content: readFileSync(join(FIXTURE, 'assets/web-pod.yaml'), 'utf8') }]);
    expect(lab.steps?.map((s) => s.title)).toEqual(['Create a ConfigMap', 'Create a Secret', 'Use both in a Pod']);
    const [one, , three] = lab.steps ?? [];
    expect(one?.solution).toBe('kubectl -n shop create configmap app-config --from-literal=APP_COLOR=blue --from-literal=APP_MODE=production\n');
    expect(one?.hints?.map((h) => h.split('\n')[0])).toEqual(['**Tip**', '**Solution**']);
    expect(one?.text).toContain('```bash\nkubectl -n shop get configmaps\n```');
    // The step's own "# Create a ConfigMap" heading is dropped: the page shows the title.
    expect(one?.text).toMatch(/^First look at what the namespace holds:/);
    expect(three?.solution).toMatch(/^cat <<EOF > \/root\/web-pod\.yaml\n[\s\S]*\nEOF\nkubectl apply -f \/root\/web-pod\.yaml\n/);
    const check = one?.checks[0] as RunCheck;
    expect(check).toMatchObject({ type: 'run', title: 'Step 1 is done: Create a ConfigMap', step: 0 });
    expect(check.command).toBe(readFileSync(join(FIXTURE, 'step1/verify.sh'), 'utf8').replace('#!/bin/bash\n', ''));
  });

  test('the lab committed under labs/ is this conversion', () => {
    const { yaml } = convertKillercoda(readLabFiles(FIXTURE), { id: 'configmaps-and-secrets', domain: 'Workloads & Scheduling', knownCommand: () => true });
    expect(readFileSync(join(__dirname, '../../labs/configmaps-and-secrets/lab.yaml'), 'utf8')).toBe(yaml);
  });

  const scenario = (index: object, extra: Record<string, string> = {}) => ({ 'index.json': JSON.stringify(index), 's1.md': 'One\n', 'v1.sh': 'true\n', ...extra });

  test('steps without verify.sh merge into the next graded step; solutions and assets by host', () => {
    const files = scenario(
      {
        title: 'T',
        details: {
          steps: [{ title: 'Read', text: 's0.md' }, { title: 'Do', text: 's1.md', verify: 'v1.sh', background: 'b1.sh' }],
          assets: { host01: [{ file: '*.sh', target: '/opt/' , chmod: '+x' }], host02: [{ file: 'conf/**', target: '/etc/app' }], host03: [{ file: '*', target: '/x' }] },
        },
        backend: { imageid: 'ubuntu' },
      },
      { 's0.md': 'Look: `ls`{{exec}}\n', 'b1.sh': '#!/bin/sh\necho prepared > /tmp/p\n', 'assets/run.sh': 'echo hi\n', 'assets/conf/a/b.conf': 'x=1\n' },
    );
    const { yaml, warnings } = convertKillercoda(files, { id: 't' });
    const lab = parseLab('labs/t', { 'lab.yaml': yaml });
    expect(lab.steps).toHaveLength(1);
    expect(lab.steps?.[0]).toMatchObject({ title: 'Do', text: '## Read\n\nLook: `ls`\n\n## Do\n\nOne\n', solution: 'ls\n' });
    expect(lab.environment.setup).toBe('# background of step 2\necho prepared > /tmp/p\n');
    expect(lab.environment.files).toEqual([
      { path: '/opt/run.sh', content: 'echo hi\n', mode: 0o755 },
      { path: '/etc/app/conf/a/b.conf', content: 'x=1\n', host: 'node01' },
    ]);
    expect(warnings).toEqual([
      'backend.imageid "ubuntu": the lab runs on our kubeadm cluster (controlplane, node01, node02) instead',
      'step 2: its background script runs with the environment setup, before the learner starts',
      'steps without verify.sh ("Read") are merged into "Do"',
      'assets.host03: only host01 (controlplane) and host02 (node01) have a counterpart; skipped',
    ]);
  });

  test('a 1node scenario gets a single untainted control plane; free-form difficulty and time are read', () => {
    const { yaml, warnings } = convertKillercoda(
      { ...scenario({ title: 'T', difficulty: 'Hard', time: '1 hour', details: { steps: [{ title: 'Step 1: Do it', text: 's1.md', verify: 'v1.sh' }] }, backend: { imageid: 'kubernetes-kubeadm-1node' } }), 's1.md': '## Do it!\n\nOne: `kubectl get nodes`{{exec}}\n' },
      { id: 't' },
    );
    const lab = parseLab('labs/t', { 'lab.yaml': yaml });
    expect(lab).toMatchObject({ difficulty: 'advanced', minutes: 60 });
    expect(lab.environment.clusters?.[0]?.nodes).toEqual([{ name: 'controlplane', role: 'control-plane', taints: [] }]);
    expect(lab.steps?.[0]?.text).toBe('One: `kubectl get nodes`\n');
    expect(warnings).toEqual([]);
    expect(convertKillercoda(scenario({ title: 'T', difficulty: 'spicy', time: 'a while', details: { steps: [{ title: 'Do', text: 's1.md', verify: 'v1.sh' }] } }), { id: 't' }).warnings).toEqual([
      'difficulty "spicy": not one of beginner, intermediate, advanced; left out',
      'time "a while": not a number of minutes; left out',
      'step 1: no {{exec}} code to take a solution from: write its solution (lab check fails until then)',
    ]);
  });

  test('a step with nothing to run gets a solution that fails the proof until written', () => {
    const { yaml, warnings } = convertKillercoda(scenario({ title: 'T', details: { steps: [{ title: 'Do', text: 's1.md', verify: 'v1.sh' }] } }), { id: 't' });
    expect(parseLab('labs/t', { 'lab.yaml': yaml }).steps?.[0]?.solution).toBe('echo "step 1 of the imported scenario has no reference solution yet" >&2\nexit 1\n');
    expect(warnings).toEqual(['step 1: no {{exec}} code to take a solution from: write its solution (lab check fails until then)']);
  });

  test('refuses what is not a scenario, naming the problem', () => {
    expect(() => convertKillercoda({}, { id: 't' })).toThrow('no index.json: not a Killercoda scenario folder');
    expect(() => convertKillercoda({ 'index.json': '{' }, { id: 't' })).toThrow(/^index\.json: /);
    expect(() => convertKillercoda(scenario({ details: { steps: [{ text: 'nope.md' }] } }), { id: 't' })).toThrow('index.json: details.steps[0].text names nope.md, which is not in the scenario folder');
    expect(() => convertKillercoda(scenario({ details: { steps: [{ text: 's1.md' }] } }), { id: 't' })).toThrow('no step has a verify script: nothing to grade');
  });
});

test('verify scripts calling commands the shell lacks are found', () => {
  const known = (c: string) => ['kubectl', 'grep'].includes(c);
  expect(unknownCommands('set -e\nf() { helm list; }\nkubectl get pods | grep -q x && f\nnc -z 10.0.0.1 80 || /usr/bin/stat x\n', known)).toEqual(['helm', 'nc']);
});
