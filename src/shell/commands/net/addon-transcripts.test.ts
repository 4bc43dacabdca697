// Transcripts that need a cluster add-on: each file in ./addon-transcripts is replayed on a
// three-node world whose cluster installs the add-on its name starts with (gateway-api-*.txt,
// ingress-nginx-*.txt), and compared exactly, as the main transcripts are.

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildWorld } from '../../../engine/bootstrap';
import { ADDONS, type Addon } from '../../../engine/spec';
import { runTranscript } from '../../transcript';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'addon-transcripts');
const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();

function addonOf(file: string): Addon {
  const a = ADDONS.find((x) => file.startsWith(`${x}-`));
  if (!a) throw new Error(`${file}: name it after its add-on (${ADDONS.join(', ')})`);
  return a;
}

function addonWorld(addon: Addon) {
  return buildWorld({ clusters: [{ name: 'kubernetes', nodes: [{ name: 'controlplane', role: 'control-plane' }, { name: 'node01' }, { name: 'node02' }], addons: [addon] }] });
}

describe('add-on transcripts', () => {
  for (const file of files) {
    it(file, async () => {
      const results = await runTranscript(readFileSync(join(dir, file), 'utf8'), addonWorld(addonOf(file)));
      for (const r of results) {
        const where = `${file}:${r.line}: $ ${r.command}`;
        expect(r.actual, where).toBe(r.expected);
        expect(r.actualExit, `${where} (exit code)`).toBe(r.expectedExit);
      }
    });
  }
});
