// The commands our terminal adds to (or overrides in) the bash implementation's built-ins.

import type { Tool } from './tool';
import { kubectl } from './kubectl';
import { editor } from './commands/editor';
import { ssh } from './commands/ssh';
import { history } from './commands/history';
import { hostname } from './commands/hostname';

let cache: Record<string, Tool> | undefined;

export function allTools(): Record<string, Tool> {
  cache ??= {
    kubectl,
    vi: editor('vi'),
    vim: editor('vim'),
    nano: editor('nano'),
    ssh,
    history,
    hostname,
  };
  return cache;
}
