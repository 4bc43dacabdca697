// Every kind of lab in the page: opening one from disk (and refusing a broken one), a guided lab
// solved step by step, an exam's partial credit, and exporting the learner's world.

import { expect, test, type Page } from '@playwright/test';
import { run, waitForPrompt } from './helpers';

async function openLab(page: Page, id: string): Promise<void> {
  await page.goto(`/?lab=${id}`);
  await waitForPrompt(page);
  await expect(page.getByTestId('lab-title')).not.toBeEmpty();
}

const VALID = `id: tiny
title: A tiny lab from disk
instructions: |
  Create the namespace \`tiny\`.
checks:
  - type: exists
    title: Namespace tiny exists
    kind: Namespace
    name: tiny
solution: kubectl create namespace tiny
`;

test('Open lab… refuses a malformed lab.yaml in place and opens a valid one', async ({ page }) => {
  await openLab(page, 'pods-and-deployments');
  await page.getByTestId('open-lab-button').click();
  await expect(page.getByTestId('open-lab-dialog')).toContainText('never contacts another server');
  await page.getByTestId('open-file').setInputFiles({
    name: 'lab.yaml',
    mimeType: 'text/yaml',
    buffer: Buffer.from('title: Broken\ninstructions: x\nchecks:\n  - type: podRuning\n    title: t\nsolution: "true"\n'),
  });
  const error = page.getByTestId('open-lab-error');
  await expect(error).toContainText('lab/lab.yaml:4');
  await expect(error).toContainText('unknown check type "podRuning"');
  // The lab on screen is unchanged.
  await expect(page.getByTestId('lab-title')).toHaveText('Pods and Deployments');

  await page.getByTestId('open-file').setInputFiles({ name: 'lab.yaml', mimeType: 'text/yaml', buffer: Buffer.from(VALID) });
  await expect(page.getByTestId('lab-title')).toHaveText('A tiny lab from disk');
  await waitForPrompt(page);
  expect(await run(page, 'kubectl create namespace tiny')).toBe('namespace/tiny created');
  await page.getByTestId('check').click();
  await expect(page.getByTestId('score')).toHaveText('1/1 (100%)');
  // A reload keeps the opened lab.
  await page.reload();
  await waitForPrompt(page);
  await expect(page.getByTestId('lab-title')).toHaveText('A tiny lab from disk');
});

test('a guided lab is solved step by step: Check passes a step and opens the next', async ({ page }) => {
  test.setTimeout(240_000);
  await openLab(page, 'scheduling-taints-tolerations');
  const steps = page.getByTestId('step');
  await expect(steps).toHaveCount(5);
  await expect(steps.nth(0)).toHaveAttribute('data-state', 'current');
  await expect(steps.nth(1)).toHaveAttribute('data-state', 'locked');

  // A Check before any work marks the current step failed, with its check's reason.
  await page.getByTestId('check').click();
  await expect(steps.nth(0).getByTestId('check-result')).toContainText('Node node01 has the taint dedicated=gpu:NoSchedule');
  await expect(steps.nth(0)).toContainText('Not yet');

  // Hints come one at a time.
  await steps.nth(0).getByTestId('show-hint').click();
  await expect(steps.nth(0).getByTestId('hint')).toHaveCount(1);

  const checkStep = async (i: number) => {
    await page.getByTestId('check').click();
    await expect(steps.nth(i)).toHaveAttribute('data-state', 'passed', { timeout: 60_000 });
  };

  await run(page, 'kubectl taint nodes node01 dedicated=gpu:NoSchedule');
  await checkStep(0);
  await expect(steps.nth(1)).toHaveAttribute('data-state', 'current');

  await run(page, 'kubectl label nodes node01 accelerator=gpu');
  await checkStep(1);

  // Step 3 through its reference solution's Run button: it types the script into the terminal.
  await steps.nth(2).getByTestId('show-solution').click();
  await expect(steps.nth(2).getByTestId('solution')).toContainText('kind: Pod');
  await steps.nth(2).getByTestId('solution').getByTestId('md-run').click();
  await expect.poll(() => run(page, 'kubectl get pod trainer -o jsonpath={.spec.nodeName}; echo'), { timeout: 90_000 }).toBe('node01');
  await checkStep(2);

  await run(page, 'kubectl cordon node02');
  await run(page, 'kubectl run web --image=nginx:1.27');
  expect(await run(page, 'kubectl get pod web --no-headers | awk \'{print $3}\'')).toBe('Pending');
  await checkStep(3);

  await run(page, 'kubectl uncordon node02');
  await checkStep(4);
  await expect(page.getByTestId('lab-done')).toBeVisible();
  await expect(page.getByTestId('score')).toHaveText('10/10 (100%)');
});

test('an exam shows its timer and tasks, and gives partial credit per task', async ({ page }) => {
  test.setTimeout(180_000);
  await openLab(page, 'mock-exam-two-clusters');
  await expect(page.getByTestId('exam-timer')).toHaveText(/\b(19|20):\d\d left/);
  const tasks = page.getByTestId('task');
  await expect(tasks).toHaveCount(3);
  await expect(tasks.nth(0)).toContainText('Solve this on: kubectl config use-context k8s-c1');
  await expect(tasks.nth(0)).toContainText('40%');

  await tasks.nth(1).getByTestId('flag').click();
  await expect(tasks.nth(1).getByTestId('flag')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('exam-bar')).toContainText('1 flagged');

  // Solve only task 3.
  await run(page, 'mkdir -p /opt/course/3');
  await run(page, "kubectl --context k8s-c2 get nodes -o name | sed 's|node/||' | sort > /opt/course/3/nodes.txt");
  await run(page, 'kubectl run probe --image=busybox:1.36 --dry-run=client -o yaml > /opt/course/3/probe.yaml');

  // The timer and the flag survive a reload.
  await page.reload();
  await waitForPrompt(page);
  await expect(page.getByTestId('exam-timer')).toHaveText(/\b(19|20|18):\d\d left/);
  await expect(tasks.nth(1).getByTestId('flag')).toHaveAttribute('aria-pressed', 'true');

  page.once('dialog', (d) => void d.accept());
  await page.getByTestId('end-exam').click();
  await expect(page.getByTestId('score')).toHaveText('25/100 (25%)', { timeout: 60_000 });
  await expect(page.getByTestId('exam-timer')).toHaveText(/Exam ended/);
  await expect(tasks.nth(2).getByTestId('task-score')).toHaveText('25/25%');
  await expect(tasks.nth(0).getByTestId('task-score')).toHaveText('0/40%');
  await expect(tasks.nth(0).getByTestId('check-result').first()).toContainText('Namespace "shop" not found');
  // The reference solution is there after grading.
  await tasks.nth(0).getByTestId('show-solution').click();
  await expect(tasks.nth(0).getByTestId('solution')).toContainText('kubectl create namespace shop');
});

test('Export environment turns the world into an environment: block', async ({ page }) => {
  await openLab(page, 'pods-and-deployments');
  expect(await run(page, 'kubectl create deployment shop --image=nginx:1.27 --replicas=2')).toBe('deployment.apps/shop created');
  await run(page, 'echo "note" > /root/note.txt');
  await page.getByTestId('export').click();
  const yaml = page.getByTestId('export-yaml');
  await expect(yaml).toContainText('environment:');
  const text = (await yaml.textContent()) ?? '';
  expect(text).toMatch(/kind: Deployment\n\s+metadata:\n\s+name: shop/);
  expect(text).toContain('path: /root/note.txt');
  // The lab's own setup made `api`; the cluster made the pods: no ReplicaSet, Pod or Event is exported.
  expect(text).not.toMatch(/kind: (ReplicaSet|Pod|Event|Endpoints)\b/);
  await expect(page.getByTestId('export-copy')).toBeVisible();
});

test('a ?lab= link to a lab folder on the site opens that lab; a broken link says why and starts the default lab', async ({ page }) => {
  // The build ships every lab's files under /labs/, so a link works on any static host.
  await page.goto('/?lab=/labs/deploy-to-a-namespace/');
  await waitForPrompt(page);
  await expect(page.getByTestId('lab-title')).toHaveText('Deploy an application into its own namespace');
  // The opened copy is kept: a reload finds it again without fetching.
  expect(new URL(page.url()).searchParams.get('lab')).toBe('opened/deploy-to-a-namespace');
  await page.reload();
  await waitForPrompt(page);
  await expect(page.getByTestId('lab-title')).toHaveText('Deploy an application into its own namespace');

  await page.goto('/?lab=/labs/no-such-lab/lab.yaml');
  await expect(page.getByTestId('open-lab-error')).toContainText('/labs/no-such-lab/lab.yaml: no lab here');
  await waitForPrompt(page);
});

test('the catalogue lists every lab under labs/, grouped by domain, once the first prompt is up', async ({ page }) => {
  const { readdirSync, statSync } = await import('node:fs');
  const count = (dir: string): number =>
    readdirSync(dir).reduce((n, f) => {
      const p = `${dir}/${f}`;
      return n + (statSync(p).isDirectory() ? count(p) : f === 'lab.yaml' ? 1 : 0);
    }, 0);
  await page.goto('/');
  await waitForPrompt(page);
  await page.getByTestId('catalogue-button').click();
  // The first load parses only its own lab; the rest of the catalogue follows the prompt.
  await expect(page.getByTestId('lab-card')).toHaveCount(count('labs'));
  await expect(page.getByTestId('catalogue')).toContainText('Troubleshooting');
});
