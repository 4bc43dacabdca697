// A Killercoda step's Markdown in our terms. Killercoda marks a code block or inline code with
// `{{exec}}` (click to run in the terminal) or `{{copy}}`, and hides solutions and tips in HTML
// `<details>` blocks. Our Markdown is plain (no HTML reaches the page), so:
// - a block marked `{{exec}}` becomes a `bash` block (in a guided lab the page gives bash blocks
//   a Run button), a `{{copy}}` block a `plain` one (every block has Copy);
// - each `<details>` block becomes a hint, its `<summary>` the hint's first line in bold;
// - the commands of `{{exec}}` blocks become the step's reference solution: those inside
//   `<details>` when there are any (that is where scenarios put solutions), else all of them.

export interface ConvertedMarkdown {
  text: string;
  hints: string[];
  /** Commands of the `{{exec}}` blocks chosen as the solution, in order. */
  solution: string[];
  warnings: string[];
}

// A fenced block (whose body holds no other fence) or inline code, followed by its marker.
const MARKED = /(?:```([\w+-]*)[^\n]*\n((?:(?!```)[\s\S])*?)\n?```|`([^`\n]+)`)[ \t]*\{\{\s*(exec|execute|copy)(?:\s+interrupt)?\s*\}\}/g;
const DETAILS = /<details[^>]*>([\s\S]*?)<\/details>/gi;
const SUMMARY = /<summary[^>]*>([\s\S]*?)<\/summary>/i;

interface Marked {
  text: string;
  execs: string[];
}

/** Rewrites `{{exec}}`/`{{copy}}` code, returning the exec commands in order of appearance. */
function rewriteMarked(md: string): Marked {
  const execs: string[] = [];
  const text = md.replace(MARKED, (_whole, lang: string | undefined, body: string | undefined, inline: string | undefined, how: string) => {
    const run = how !== 'copy';
    if (inline !== undefined) {
      if (run) execs.push(inline);
      return '`' + inline + '`';
    }
    const code = (body ?? '').replace(/\n+$/, '');
    if (run) execs.push(code);
    const copyLang = !lang || lang === 'bash' || lang === 'sh' ? 'plain' : lang;
    return '```' + (run ? 'bash' : copyLang) + '\n' + code + '\n```';
  });
  return { text, execs };
}

export function convertStepMarkdown(md: string, where: string): ConvertedMarkdown {
  const warnings: string[] = [];
  const hints: string[] = [];
  const hidden: string[] = [];
  const withoutDetails = md.replace(DETAILS, (_whole, inner: string) => {
    const summary = SUMMARY.exec(inner)?.[1]?.trim();
    const body = rewriteMarked(inner.replace(SUMMARY, '').trim());
    hidden.push(...body.execs);
    hints.push(`${summary ? `**${stripTags(summary)}**\n\n` : ''}${body.text.trim()}\n`);
    return '';
  });
  const shown = rewriteMarked(withoutDetails);
  const text = shown.text.replace(/\n{3,}/g, '\n\n').trim() + '\n';
  const leftover = [...new Set([...text.matchAll(/\{\{\s*([^}]+?)\s*\}\}/g)].map((m) => m[1] as string))];
  if (leftover.length) warnings.push(`${where}: Killercoda markers left as text: ${leftover.map((l) => `{{${l}}}`).join(', ')} (traffic ports and other markers have no equivalent)`);
  const tags = [...new Set([...text.matchAll(/<\/?([a-zA-Z][\w-]*)[^>]*>/g)].map((m) => (m[1] as string).toLowerCase()))];
  if (tags.length) warnings.push(`${where}: HTML is shown as text on the page: <${tags.join('>, <')}>`);
  if (/!\[[^\]]*\]\([^)]*\)/.test(text)) warnings.push(`${where}: images are not shown on the page`);
  return { text, hints, solution: hidden.length ? hidden : shown.execs, warnings };
}

function stripTags(s: string): string {
  return s.replace(/<[^>]+>/g, '').trim();
}
