// Build step: ships every lab's files under dist/labs/ as well as in the bundled catalogue, so
// "Open lab…" by URL (and `?lab=/labs/<id>/` links) work on any static host, not only under
// the dev server that serves the repository's files.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Plugin } from 'vite';

/** The files "Open lab…" fetches next to a lab.yaml (src/app/open-lab.ts LAB_FILES). */
const SHIPPED = new Set(['lab.yaml', 'README.md', 'solution.sh', 'setup.sh']);

export function labFiles(root: string): Plugin {
  return {
    name: 'cka-lab-files',
    apply: 'build',
    generateBundle() {
      for (const file of walk(root)) {
        const name = file.split(sep).pop() ?? '';
        if (!SHIPPED.has(name)) continue;
        const fileName = ['labs', ...relative(root, file).split(sep)].join('/');
        this.emitFile({ type: 'asset', fileName, source: readFileSync(file, 'utf8') });
      }
    },
  };
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}
