// The editor pane (Monaco): `vi file` in the terminal opens the file here; Save writes it back
// to the host, Save & close (or Close) lets the terminal continue. Loaded lazily.

import { useCallback, useEffect, useRef, useState } from 'react';
import Editor from '@monaco-editor/react';
import { languageFor, monaco } from '../editor/monaco';
import { actions } from '../controller';
import type { OpenFile } from '../store';

declare global {
  interface Window {
    /** For end-to-end tests: the text in the editor pane. */
    __ckaEditorValue?: () => string | undefined;
  }
}

type CodeEditor = monaco.editor.IStandaloneCodeEditor;

export default function EditorPane({ file }: { file: OpenFile }) {
  const ref = useRef<CodeEditor | null>(null);
  const [dirty, setDirty] = useState(false);
  const [savedNote, setSavedNote] = useState(false);

  const save = useCallback(() => {
    const ed = ref.current;
    if (!ed) return;
    // Like vim (fixendofline), a saved file ends with a newline.
    const text = ed.getValue();
    actions.saveFile(file.path, text === '' || text.endsWith('\n') ? text : text + '\n');
    setDirty(false);
    setSavedNote(true);
    setTimeout(() => setSavedNote(false), 1200);
  }, [file.path]);

  const saveAndClose = useCallback(() => {
    save();
    actions.closeFile(file.path);
  }, [save, file.path]);

  const close = useCallback(() => {
    if (dirty && !confirm(`Close ${file.path} without saving your changes?`)) return;
    actions.closeFile(file.path);
  }, [dirty, file.path]);

  // The keyboard shortcuts call the latest handlers.
  const handlers = useRef({ save, saveAndClose });
  handlers.current = { save, saveAndClose };

  useEffect(() => () => {
    window.__ckaEditorValue = undefined;
  }, []);

  return (
    <section className="editor-pane" aria-label={`Editor: ${file.path}`} data-testid="editor">
      <div className="pane-bar editor-bar">
        <span className="file-name" title={`${file.host}:${file.path}`}>
          <span className="file-host">{file.host}:</span>
          {file.path}
          {dirty && <span className="dirty" title="Unsaved changes"> ●</span>}
          {savedNote && <span className="saved-note">Saved</span>}
        </span>
        <span className="bar-actions">
          <button type="button" className="btn small" onClick={save} title="Save (Ctrl+S)" data-testid="editor-save">
            Save
          </button>
          <button type="button" className="btn small primary" onClick={saveAndClose} title="Save and close (Ctrl+Enter)" data-testid="editor-save-close">
            Save &amp; close
          </button>
          <button type="button" className="btn small ghost" onClick={close} title="Close without saving" data-testid="editor-close">
            Close
          </button>
        </span>
      </div>
      <div className="editor-host">
        <Editor
          key={`${file.host}:${file.path}`}
          defaultValue={file.content}
          defaultLanguage={languageFor(file.path)}
          theme="vs-dark"
          loading={<div className="muted pad">Loading the editor…</div>}
          options={{
            fontSize: 14,
            fontFamily: '"JetBrains Mono", "Fira Code", "DejaVu Sans Mono", Menlo, Consolas, monospace',
            minimap: { enabled: false },
            tabSize: 2,
            insertSpaces: true,
            detectIndentation: false,
            scrollBeyondLastLine: false,
            automaticLayout: true,
            renderWhitespace: 'boundary',
            rulers: [],
            wordWrap: 'off',
          }}
          onChange={() => setDirty(true)}
          onMount={(ed) => {
            ref.current = ed;
            window.__ckaEditorValue = () => ref.current?.getValue();
            ed.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => handlers.current.save());
            ed.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => handlers.current.saveAndClose());
            ed.focus();
          }}
        />
      </div>
    </section>
  );
}
