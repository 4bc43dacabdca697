// Monaco's ESM entry points below the package root ship without their own typings.

declare module 'monaco-editor/esm/vs/editor/edcore.main.js' {
  export * from 'monaco-editor';
}
declare module 'monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution.js';
declare module 'monaco-editor/esm/vs/basic-languages/shell/shell.contribution.js';
