// Dev server only (loaded when import.meta.hot exists): the lab files, watched. Editing
// labs/**/lab.yaml re-runs this module; it hands the new files to the page, which passes them to
// the worker (workers get no hot updates of their own).

const files = import.meta.glob('/labs/**/*', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

type Listener = (files: Record<string, string>) => void;

export function watchLabFiles(listener: Listener): void {
  if (import.meta.hot) import.meta.hot.data.listener = listener;
}

if (import.meta.hot) {
  // The listener registered with the module's previous version hears the new files.
  const previous = import.meta.hot.data.listener as Listener | undefined;
  if (previous) previous(files);
  import.meta.hot.accept();
}
