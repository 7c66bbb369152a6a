/**
 * How Forkpad's Monaco editor is configured, in one place: the editor view creates its editor
 * with these, and so does the benchmark's bare-Monaco control page, which measures what this very
 * editor costs per keystroke without the rest of Forkpad.
 */
import type { monaco } from './monaco-setup.ts';

export const EDITOR_OPTIONS = {
  automaticLayout: true,
  wordWrap: 'on',
  minimap: { enabled: false },
  scrollBeyondLastLine: false,
  scrollbar: { verticalScrollbarSize: 12, useShadows: false },
  fontSize: 15,
  lineHeight: 24,
  padding: { top: 12 },
  glyphMargin: false,
  folding: true,
  quickSuggestions: false,
  // Writers type quotes and brackets as text; auto-closing would insert characters unasked.
  autoClosingBrackets: 'never',
  autoClosingQuotes: 'never',
  occurrencesHighlight: 'off',
  // Code-editor aids a writer does not use, each of which works on every keystroke's frame
  // (and in a long document, over many lines): bracket colours and matching, indent guides.
  bracketPairColorization: { enabled: false },
  matchBrackets: 'never',
  guides: { indentation: false, bracketPairs: false },
  renderLineHighlight: 'line',
  // Prose is full of typographic quotes and dashes that Monaco would flag as "ambiguous".
  unicodeHighlight: { ambiguousCharacters: false, invisibleCharacters: true },
  ariaLabel: 'Document',
} as const satisfies monaco.editor.IStandaloneEditorConstructionOptions;
