// Renders the Markdown tree as React elements (text is text: nothing is parsed as HTML).
// Code blocks get a Copy button, as on Killercoda.

import { useState, type ReactNode } from 'react';
import { parseMarkdown, safeHref, type Block, type Inline } from '../markdown';

function renderInline(nodes: Inline[]): ReactNode[] {
  return nodes.map((n, i) => {
    switch (n.t) {
      case 'text':
        return n.text;
      case 'code':
        return <code key={i}>{n.text}</code>;
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

function CodeBlock({ text, lang }: { text: string; lang: string }) {
  const [copied, setCopied] = useState(false);
  const copy = () => {
    void navigator.clipboard?.writeText(text).then(() => {
      setCopied(true);
      setTimeout(() => setCopied(false), 1200);
    });
  };
  return (
    <div className="md-code">
      <pre data-lang={lang || undefined}>
        <code>{text}</code>
      </pre>
      <button type="button" className="md-copy" onClick={copy} title="Copy to the clipboard">
        {copied ? 'Copied' : 'Copy'}
      </button>
    </div>
  );
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
        return <CodeBlock key={i} text={b.text} lang={b.lang} />;
      case 'list': {
        const items = b.items.map((it, j) => <li key={j}>{renderBlocks(it)}</li>);
        return b.ordered ? <ol key={i} start={b.start}>{items}</ol> : <ul key={i}>{items}</ul>;
      }
      case 'quote':
        return <blockquote key={i}>{renderBlocks(b.children)}</blockquote>;
      case 'rule':
        return <hr key={i} />;
    }
  });
}


export function Markdown({ source }: { source: string }) {
  return <div className="markdown">{renderBlocks(parseMarkdown(source))}</div>;
}
