import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Plugin } from 'vite';

// In the page (and its worker) `just-bash` is its browser entry plus the parser exports the shell
// uses (src/app/platform/just-bash.ts); Vitest, like the CLI, keeps its Node entry.
const justBashForBrowser = fileURLToPath(new URL('./src/app/platform/just-bash.ts', import.meta.url));

// One config for the app build and for Vitest: unit tests sit next to the code (src/**/*.test.ts).
export default defineConfig({
  plugins: [react(), labFiles(fileURLToPath(new URL('./labs', import.meta.url)))],
  resolve: {
    alias: process.env.VITEST ? [] : [{ find: /^just-bash$/, replacement: justBashForBrowser }],
  },
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
  server: { port: 5173 },
  preview: { port: 4173 },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20000,
  },
});

// Build step: ships every lab's files under dist/labs/ as well as in the bundled catalogue, so
// "Open lab…" by URL (and `?lab=/labs/<id>/` links) work on any static host, not only under
// the dev server that serves the repository's files.

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
