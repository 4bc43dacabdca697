// Monaco from the page's own bundle (never a CDN): the core editor with the YAML and shell
// grammars, and its one web worker. Loaded only when the first file is opened.

import * as monaco from 'monaco-editor/esm/vs/editor/edcore.main.js';
import 'monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution.js';
import 'monaco-editor/esm/vs/basic-languages/shell/shell.contribution.js';
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker?worker';
import { loader } from '@monaco-editor/react';

declare global {
  interface Window {
    MonacoEnvironment?: { getWorker(workerId: string, label: string): Worker };
  }
}

// YAML and shell need only the base editor worker (no language service of their own).
self.MonacoEnvironment = { getWorker: () => new EditorWorker() };
loader.config({ monaco });

export { monaco };

export function languageFor(path: string): string {
  if (/\.ya?ml$/i.test(path)) return 'yaml';
  if (/\.(sh|bash)$/i.test(path)) return 'shell';
  return 'plaintext';
}
