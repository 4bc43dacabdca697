#!/usr/bin/env node
// The cka-lab CLI. Runs the TypeScript sources directly through tsx, so it works in a fresh
// clone right after `npm install`, from any working directory.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/index.ts');
