import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { labFiles } from './scripts/vite-lab-files';

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
