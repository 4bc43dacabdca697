import { describe, expect, it } from 'vitest';
import { parseMarkdown, safeHref } from './markdown';

describe('parseMarkdown', () => {
  it('reads headings, paragraphs, lists and fenced code', () => {
    const md = [
      '# Pods and Deployments',
      '',
      'Create a pod named `web` with the **nginx** image.',
      'Use *one* command.',
      '',
      '1. Create the pod',
      '2. Expose it',
      '   - on port 80',
      '',
      '```bash',
      'kubectl run web --image=nginx',
      '```',
    ].join('\n');
    expect(parseMarkdown(md)).toEqual([
      { t: 'heading', level: 1, children: [{ t: 'text', text: 'Pods and Deployments' }] },
      {
        t: 'paragraph',
        children: [
          { t: 'text', text: 'Create a pod named ' },
          { t: 'code', text: 'web' },
          { t: 'text', text: ' with the ' },
          { t: 'strong', children: [{ t: 'text', text: 'nginx' }] },
          { t: 'text', text: ' image.\nUse ' },
          { t: 'em', children: [{ t: 'text', text: 'one' }] },
          { t: 'text', text: ' command.' },
        ],
      },
      {
        t: 'list',
        ordered: true,
        start: 1,
        items: [
          [{ t: 'paragraph', children: [{ t: 'text', text: 'Create the pod' }] }],
          [
            { t: 'paragraph', children: [{ t: 'text', text: 'Expose it' }] },
            { t: 'list', ordered: false, start: 1, items: [[{ t: 'paragraph', children: [{ t: 'text', text: 'on port 80' }] }]] },
          ],
        ],
      },
      { t: 'code', lang: 'bash', text: 'kubectl run web --image=nginx' },
    ]);
  });

  it('keeps raw HTML as text', () => {
    expect(parseMarkdown('<img src=x onerror=alert(1)>')).toEqual([
      { t: 'paragraph', children: [{ t: 'text', text: '<img src=x onerror=alert(1)>' }] },
    ]);
  });

  it('does not treat snake_case or a lone * as emphasis', () => {
    expect(parseMarkdown('use my_pod_name and 2 * 3')).toEqual([
      { t: 'paragraph', children: [{ t: 'text', text: 'use my_pod_name and 2 * 3' }] },
    ]);
  });

  it('reads a table, its cells as inline text', () => {
    expect(parseMarkdown('| Context | Nodes |\n|---|---|\n| `k8s-c1` | a, b |\n\nafter')).toEqual([
      {
        t: 'table',
        head: [[{ t: 'text', text: 'Context' }], [{ t: 'text', text: 'Nodes' }]],
        rows: [[[{ t: 'code', text: 'k8s-c1' }], [{ t: 'text', text: 'a, b' }]]],
      },
      { t: 'paragraph', children: [{ t: 'text', text: 'after' }] },
    ]);
  });

  it('follows only web links', () => {
    expect(safeHref('https://kubernetes.io/docs/')).toBe('https://kubernetes.io/docs/');
    expect(safeHref('javascript:alert(1)')).toBeUndefined();
  });
});
