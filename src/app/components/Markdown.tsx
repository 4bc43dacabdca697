// Renders the Markdown tree as React elements (text is text: nothing is parsed as HTML).
// Inline code and code blocks copy on click, as on Killercoda; in a guided lab a bash/sh block
// also has Run, which types it into the terminal.

import { createContext, useContext, useState, type ReactNode } from 'react';
import { actions } from '../controller';
import { parseMarkdown, safeHref, type Block, type Inline } from '../markdown';

/** Whether bash/sh blocks get a Run button (guided labs only: an exam gives no shortcuts). */
const Runnable = createContext(false);

function useCopy(text: string): [boolean, () => void] {
  const [copied, setCopied] = useState(false);
  const copy = () => {
    void navigator.clipboard
      ?.writeText(text)
      .then(() => {
        setCopied(true);
        setTimeout(() => setCopied(false), 1200);
      })
      .catch(() => undefined);
  };
  return [copied, copy];
}

function InlineCode({ text }: { text: string }) {
  const [copied, copy] = useCopy(text);
  return (
    <code className={`md-inline ${copied ? 'copied' : ''}`} onClick={copy} title={copied ? 'Copied' : 'Click to copy'} role="button" tabIndex={0}
      onKeyDown={(e) => { if (e.key === 'Enter') copy(); }}>
      {text}
    </code>
  );
}

function renderInline(nodes: Inline[]): ReactNode[] {
  return nodes.map((n, i) => {
    switch (n.t) {
      case 'text':
        return n.text;
      case 'code':
        return <InlineCode key={i} text={n.text} />;
      case 'strong':
        return <strong key={i}>{renderInline(n.children)}</strong>;
      case 'em':
        return <em key={i}>{renderInline(n.children)}</em>;
      case 'link': {
        const href = safeHref(n.href);
        return href ? (
          <a key={i} href={href} target="_blank" rel="noopener noreferrer">
            {renderInline(n.children)}
          </a>
        ) : (
          <span key={i}>{renderInline(n.children)}</span>
        );
      }
    }
  });
}

export function CodeBlock({ text, lang, run }: { text: string; lang: string; run?: boolean }) {
  const [copied, copy] = useCopy(text);
  return (
    <div className="md-code">
      <pre data-lang={lang || undefined}>
        <code>{text}</code>
      </pre>
      <span className="md-code-actions">
        {run && (
          <button type="button" className="md-run" onClick={() => actions.runInTerminal(text)} title="Type this into the terminal and run it" data-testid="md-run">
            ▶ Run
          </button>
        )}
        <button type="button" className="md-copy" onClick={copy} title="Copy to the clipboard">
          {copied ? 'Copied' : 'Copy'}
        </button>
      </span>
    </div>
  );
}

function CodeBlockIn({ text, lang }: { text: string; lang: string }) {
  const runnable = useContext(Runnable);
  return <CodeBlock text={text} lang={lang} run={runnable && (lang === 'bash' || lang === 'sh')} />;
}

function renderBlocks(blocks: Block[]): ReactNode[] {
  return blocks.map((b, i) => {
    switch (b.t) {
      case 'heading': {
        const H = `h${Math.min(6, b.level + 1)}` as 'h2';
        return <H key={i}>{renderInline(b.children)}</H>;
      }
      case 'paragraph':
        return <p key={i}>{renderInline(b.children)}</p>;
      case 'code':
        return <CodeBlockIn key={i} text={b.text} lang={b.lang} />;
      case 'list': {
        const items = b.items.map((it, j) => <li key={j}>{renderBlocks(it)}</li>);
        return b.ordered ? <ol key={i} start={b.start}>{items}</ol> : <ul key={i}>{items}</ul>;
      }
      case 'quote':
        return <blockquote key={i}>{renderBlocks(b.children)}</blockquote>;
      case 'table':
        return (
          <table key={i}>
            <thead>
              <tr>{b.head.map((c, j) => <th key={j}>{renderInline(c)}</th>)}</tr>
            </thead>
            <tbody>
              {b.rows.map((r, j) => (
                <tr key={j}>{r.map((c, k) => <td key={k}>{renderInline(c)}</td>)}</tr>
              ))}
            </tbody>
          </table>
        );
      case 'rule':
        return <hr key={i} />;
    }
  });
}

export function Markdown({ source, runnable = false, className = '' }: { source: string; runnable?: boolean; className?: string }) {
  return (
    <Runnable.Provider value={runnable}>
      <div className={`markdown ${className}`}>{renderBlocks(parseMarkdown(source))}</div>
    </Runnable.Provider>
  );
}
