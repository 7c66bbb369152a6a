/**
 * The web host's stand-in for native file dialogs: a modal that browses the host's workspace
 * folder (the only place the web host reads or writes) and returns a workspace-relative path.
 * Keyboard: arrows move, Enter opens a folder or picks a file, Backspace goes up, Escape cancels.
 */
import type { WorkspaceEntry, WorkspaceListing } from '../../../workers/common/host-api.ts';
import { showModal } from './modal.ts';
import { localeFormat } from '../format/locale-format.ts';

export interface FilePickerOptions {
  readonly mode: 'open' | 'save';
  readonly list: (path: string) => Promise<WorkspaceListing>;
  /** Save mode: the name to suggest. */
  readonly suggestedName?: string;
  /** Shown as the root of the breadcrumb, e.g. the workspace folder's name. */
  readonly rootLabel: string;
}

function formatSize(bytes: number | null): string {
  return bytes === null ? '' : localeFormat.bytes(bytes);
}

function joinPath(folder: string, name: string): string {
  return folder === '' ? name : `${folder}/${name}`;
}

function parentOf(path: string): string {
  const cut = path.lastIndexOf('/');
  return cut === -1 ? '' : path.slice(0, cut);
}

export interface PickedFile {
  /** Workspace-relative, with `/` separators. */
  readonly path: string;
  /** Whether a file of that name was listed (save mode: saving replaces it). */
  readonly exists: boolean;
}

export function pickFile(options: FilePickerOptions): Promise<PickedFile | undefined> {
  return showModal<PickedFile | null>({
    title: options.mode === 'open' ? 'Open file' : 'Save as',
    className: 'file-picker',
    // The picker draws its own buttons: its primary one validates before it closes.
    buttons: [],
    body: (finish) => buildPicker(options, finish),
  }).then((value) => value ?? undefined);
}

function buildPicker(options: FilePickerOptions, finish: (value: PickedFile | null) => void): HTMLElement {
  const body = document.createElement('div');
  const crumb = document.createElement('p');
  crumb.className = 'file-picker-path';
  const list = document.createElement('ul');
  list.className = 'file-picker-list';
  list.setAttribute('role', 'listbox');
  list.setAttribute('aria-label', 'Workspace files');
  const error = document.createElement('p');
  error.className = 'file-picker-error';
  error.setAttribute('role', 'alert');
  const name = document.createElement('input');
  name.type = 'text';
  name.className = 'file-picker-name';
  name.setAttribute('aria-label', 'File name');
  name.value = options.suggestedName ?? '';
  name.hidden = options.mode === 'open';
  const buttons = document.createElement('div');
  buttons.className = 'modal-buttons';
  const cancel = Object.assign(document.createElement('button'), { type: 'button', textContent: 'Cancel' });
  const confirm = Object.assign(document.createElement('button'), { type: 'button', textContent: options.mode === 'open' ? 'Open' : 'Save', className: 'primary' });
  buttons.append(cancel, confirm);
  body.append(crumb, list, name, error, buttons);

  let folder = '';
  let selected: WorkspaceEntry | undefined;
  let entries: readonly WorkspaceEntry[] = [];

  const choose = (entry: WorkspaceEntry | undefined) => {
    if (!entry) return;
    if (entry.kind === 'directory') void show(entry.path);
    else if (options.mode === 'open') finish({ path: entry.path, exists: true });
    else name.value = entry.name;
  };
  const submit = () => {
    if (options.mode === 'open') {
      if (selected?.kind === 'file') finish({ path: selected.path, exists: true });
      else if (selected) choose(selected);
      else error.textContent = 'Pick a file in the list.';
      return;
    }
    const typed = name.value.trim();
    if (typed === '' || typed.includes('/') || typed === '.' || typed === '..') {
      error.textContent = 'Type a file name (no folders: pick the folder in the list).';
      return;
    }
    const existing = entries.find((entry) => entry.name === typed);
    if (existing?.kind === 'directory') {
      error.textContent = `${typed} is a folder.`;
      return;
    }
    finish({ path: joinPath(folder, typed), exists: existing !== undefined });
  };

  const row = (entry: WorkspaceEntry, label: string): HTMLLIElement => {
    const item = document.createElement('li');
    item.setAttribute('role', 'option');
    item.tabIndex = -1;
    item.dataset.kind = entry.kind;
    item.dataset.path = entry.path;
    const title = document.createElement('span');
    title.textContent = entry.kind === 'directory' ? `${label}/` : label;
    const size = document.createElement('span');
    size.className = 'file-picker-size';
    size.textContent = formatSize(entry.size);
    item.append(title, size);
    item.addEventListener('focus', () => {
      selected = entry;
      for (const other of list.children) other.setAttribute('aria-selected', String(other === item));
    });
    item.addEventListener('click', () => item.focus());
    item.addEventListener('dblclick', () => choose(entry));
    return item;
  };

  async function show(path: string): Promise<void> {
    error.textContent = '';
    try {
      const listing = await options.list(path);
      folder = listing.path;
      entries = listing.entries;
      crumb.textContent = folder === '' ? options.rootLabel : `${options.rootLabel}/${folder}`;
      const sorted = [...listing.entries].sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'directory' ? -1 : 1));
      const rows = sorted.map((entry) => row(entry, entry.name));
      if (folder !== '') rows.unshift(row({ name: '..', path: parentOf(folder), kind: 'directory', size: null }, '..'));
      list.replaceChildren(...rows);
      selected = undefined;
      if (rows.length === 0) error.textContent = 'This folder is empty.';
      if (options.mode === 'open') rows[0]?.focus();
    } catch (failure) {
      error.textContent = failure instanceof Error ? failure.message : String(failure);
    }
  }

  list.addEventListener('keydown', (event) => {
    const items = [...list.querySelectorAll<HTMLElement>('[role="option"]')];
    const index = items.indexOf(document.activeElement as HTMLElement);
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const next = items[Math.min(items.length - 1, Math.max(0, index + (event.key === 'ArrowDown' ? 1 : -1)))];
      next?.focus();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      choose(selected);
    } else if (event.key === 'Backspace' && folder !== '') {
      event.preventDefault();
      void show(parentOf(folder));
    }
  });
  name.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      submit();
    }
  });
  cancel.addEventListener('click', () => finish(null));
  confirm.addEventListener('click', submit);
  void show('');
  return body;
}
