// "Open lab…": reads a lab's files from a folder the learner picked, a single lab.yaml, or a URL
// on this page's own origin. Only text is read here; the worker parses and validates it (a lab
// is data: nothing in it runs as code).

/** The files a lab folder may hold (docs/authoring.md, "The folder"). */
const LAB_FILES = ['lab.yaml', 'README.md', 'solution.sh', 'setup.sh'];
/** More than this is not a lab file. */
const MAX_BYTES = 1_000_000;

export interface LabFiles {
  dir: string;
  files: Record<string, string>;
}

/** From <input type=file> (one lab.yaml) or <input webkitdirectory> (a folder holding one). */
export async function readLabFolder(list: FileList): Promise<LabFiles> {
  const all = [...list].map((f) => ({ file: f, path: f.webkitRelativePath || f.name }));
  if (all.length === 1 && !all[0]?.file.webkitRelativePath) {
    const only = all[0]!.file;
    if (!/\.ya?ml$/i.test(only.name)) throw new Error(`${only.name} is not a lab.yaml file`);
    return { dir: only.name.replace(/\.ya?ml$/i, ''), files: { 'lab.yaml': await text(only) } };
  }
  // The shallowest lab.yaml marks the lab's folder.
  const yamls = all.filter((f) => f.path.split('/').pop() === 'lab.yaml').sort((a, b) => a.path.split('/').length - b.path.split('/').length);
  const main = yamls[0];
  if (!main) throw new Error('the folder holds no lab.yaml');
  const folder = main.path.slice(0, -'lab.yaml'.length);
  const files: Record<string, string> = {};
  for (const f of all) {
    const rest = f.path.slice(folder.length);
    if (f.path.startsWith(folder) && LAB_FILES.includes(rest)) files[rest] = await text(f.file);
  }
  const dir = folder.replace(/\/$/, '').split('/').pop() || 'lab';
  return { dir, files };
}

/** A `?lab=` value naming a lab by URL or path rather than by a catalogue id (ids have no '/'
 * at either end and no scheme). */
export function isLabUrl(value: string): boolean {
  return /^(\/|\.\.?\/|[a-z][a-z0-9+.-]*:)/i.test(value) || /\.ya?ml$/i.test(value);
}

/** A lab on this page's origin only: the page stays offline and talks to no other server. */
export async function readLabUrl(input: string): Promise<LabFiles> {
  let url: URL;
  try {
    url = new URL(input.trim(), location.href);
  } catch {
    throw new Error(`"${input}" is not a URL`);
  }
  if (url.origin !== location.origin) throw new Error(`only labs on ${location.origin} can be opened: this page works offline and fetches nothing from other sites`);
  const base = url.pathname.endsWith('/') ? url : new URL('.', url);
  const main = url.pathname.endsWith('/') ? new URL('lab.yaml', url) : url;
  const res = await fetch(main);
  if (!res.ok) throw new Error(`${main.pathname}: ${res.status} ${res.statusText || 'not found'}`);
  // Single-page hosts (vite preview, many static hosts) answer a missing path with the page.
  if (isWebPage(res)) throw new Error(`${main.pathname}: no lab here (the server answered with a web page)`);
  const files: Record<string, string> = { 'lab.yaml': await res.text() };
  for (const name of LAB_FILES.slice(1)) {
    const r = await fetch(new URL(name, base)).catch(() => undefined);
    if (r?.ok && !isWebPage(r)) files[name] = await r.text();
  }
  const dir = base.pathname.replace(/\/$/, '').split('/').pop() || 'lab';
  return { dir, files };
}

function isWebPage(res: Response): boolean {
  return (res.headers.get('content-type') ?? '').includes('text/html');
}

async function text(f: File): Promise<string> {
  if (f.size > MAX_BYTES) throw new Error(`${f.name} is larger than 1 MB: not a lab file`);
  return f.text();
}
