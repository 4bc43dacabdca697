// vi / vim / nano: open the file in the editor pane and wait until it is saved and closed.

import { fail, ok, resolvePath, type Tool } from '../tool';

export function editor(name: string): Tool {
  return async (args, ctx) => {
    const files = args.filter((a) => !a.startsWith('-') && !a.startsWith('+'));
    if (files.length === 0) return fail(`${name}: a file name is needed here (the editor pane edits files)`);
    if (files.length > 1) return fail(`${name}: open one file at a time in the editor pane`);
    const path = resolvePath(ctx.cwd, files[0] as string, ctx.env.get('HOME') ?? '/root');
    if (ctx.host.fs.isDir(path)) return fail(`"${files[0]}" is a directory`);
    const parent = path.slice(0, path.lastIndexOf('/')) || '/';
    if (!ctx.host.fs.isDir(parent)) return fail(`"${files[0]}" E212: Can't open file for writing`);
    await ctx.openEditor(path);
    return ok();
  };
}
