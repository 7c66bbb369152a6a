/**
 * Composes the window: menu bar (web host only), editor, status bar and notices, wired to the
 * host through the one RPC client.
 */
import { documentStats } from '../../workers/common/document.ts';
import type { ChangeAnswer, HostHello } from '../../workers/common/host-api.ts';
import { DocumentSync, normalizationEdit } from './editor/document-sync.ts';
import { EditorView } from './editor/editor-view.ts';
import type { HostConnection } from './host/connect.ts';
import { Notices } from './notices.ts';
import { StatusBar } from './status/status-bar.ts';
import { installTestHook } from './test-hook.ts';
import { ThemeController } from './theme.ts';

export interface App {
  dispose(): void;
}

function formatStats(answer: ChangeAnswer): string {
  const { lines, words, characters } = answer.stats;
  const plural = (count: number, noun: string) => `${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'}`;
  return `${plural(lines, 'line')} · ${plural(words, 'word')} · ${plural(characters, 'character')}`;
}

export function startApp(root: HTMLElement, connection: HostConnection, hello: HostHello): App {
  const { client, link } = connection;
  root.replaceChildren();
  const workbench = document.createElement('main');
  workbench.className = 'workbench';
  const editorPane = document.createElement('div');
  editorPane.className = 'editor-pane';
  workbench.append(editorPane);
  root.append(workbench);
  const status = new StatusBar(root);
  const notices = new Notices(root);
  const theme = new ThemeController(hello.settings.theme);

  const view = new EditorView(editorPane, hello.document, theme.current);
  theme.onChange((resolved) => view.setTheme(resolved));

  const sync = new DocumentSync(hello.document.uri, hello.document.version, {
    send: (request) => client.api.change(request),
    onAnswer: (answer) => status.set('stats', formatStats(answer), { title: `Host mirror at version ${answer.version}` }),
    onError: (error, version) => notices.show('error', `The host refused edit version ${version}: ${error.message}`),
  });
  const unsubscribeChange = view.onChange((change) => sync.change(change.edits, change.keys));
  const initial = documentStats(hello.document.text);
  status.set('stats', formatStats({ uri: hello.document.uri, version: hello.document.version, stats: initial }));

  // Monaco turns mixed or lone-CR line breaks into one kind on load; tell the host as an edit.
  const normalization = normalizationEdit(hello.document.text, view.current.getValue());
  if (normalization) {
    sync.change([normalization], []);
    notices.show('info', 'Line endings were normalized to one kind.');
  }

  const unsubscribeClose = link.onClose((reason) => {
    status.set('connection', 'Host disconnected', { tone: 'error', title: reason });
    notices.show('error', `Lost the connection to the host (${reason}). Your text stays in the editor; reload once the host is back.`);
  });

  installTestHook({
    modelText: () => view.current.getValue(),
    version: () => sync.version,
    lastAnswer: () => sync.lastAnswer,
    staleAnswers: () => sync.staleAnswerCount,
  });
  root.removeAttribute('aria-busy');
  view.focus();

  return {
    dispose() {
      unsubscribeChange();
      unsubscribeClose();
      theme.dispose();
      view.dispose();
    },
  };
}
