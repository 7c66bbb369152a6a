/**
 * The benchmark's bare-Monaco control page: Forkpad's editor (the same Monaco build, features and
 * options) alone on a page, with no host, tasks, preview, status bar or problem markers. Typing
 * into it measures what the editor itself costs per keystroke in this browser on this machine,
 * the floor under any figure Forkpad can reach.
 */
import { EDITOR_OPTIONS } from '../../../renderer/src/editor/editor-options.ts';
import { monaco } from '../../../renderer/src/editor/monaco-setup.ts';
import type { BareEditorHandle } from './handle.ts';

const container = document.getElementById('editor');
if (!container) throw new Error('bare editor: #editor is missing');
const model = monaco.editor.createModel('', 'markdown');
monaco.editor.create(container, { ...EDITOR_OPTIONS, model, theme: 'vs' });
const handle: BareEditorHandle = { setText: (text) => model.setValue(text), text: () => model.getValue() };
(globalThis as { __bareEditor?: BareEditorHandle }).__bareEditor = handle;
