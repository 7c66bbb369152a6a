/**
 * What each menu command does in the window. The in-page menu bar, its keyboard shortcuts and
 * Electron's native menu (forwarded as `menuCommand` events) all end here.
 */
import type { MenuCommand } from '../../workers/common/menu-model.ts';
import type { Theme } from '../../workers/common/host-api.ts';
import type { IsolationRequest, TaskAction } from '../../workers/common/host-api.ts';

/** The window's abilities the commands use. */
export interface Workbench {
  newDocument(): Promise<void>;
  open(path?: string): Promise<void>;
  openRecent(path: string): Promise<void>;
  save(): Promise<void>;
  saveAs(): Promise<void>;
  quit(): void;
  /** Runs a Monaco editor action by id (undo, clipboard, find). */
  editorAction(id: string): void;
  togglePreview(): void;
  toggleMonitor(): void;
  setTheme(theme: Theme): void;
  setIsolation(request: IsolationRequest): Promise<void>;
  /** Grammar hosts that share each check (a setting: the host applies it live). */
  setGrammarPool(size: number): Promise<void>;
  taskAction(action: TaskAction): Promise<void>;
  about(): void;
  lesson(): void;
  /** Opens the welcome document in place of the current one (asking first if it is unsaved). */
  welcome(): Promise<void>;
}

const EDITOR_ACTIONS: Readonly<Record<string, string>> = {
  'edit.undo': 'undo',
  'edit.redo': 'redo',
  'edit.cut': 'editor.action.clipboardCutAction',
  'edit.copy': 'editor.action.clipboardCopyAction',
  'edit.paste': 'editor.action.clipboardPasteAction',
  'edit.find': 'actions.find',
  'edit.replace': 'editor.action.startFindReplaceAction',
};

export async function runCommand(workbench: Workbench, command: MenuCommand): Promise<void> {
  switch (command.command) {
    case 'file.new':
      return workbench.newDocument();
    case 'file.open':
      return workbench.open();
    case 'file.openRecent':
      return workbench.openRecent(command.path);
    case 'file.save':
      return workbench.save();
    case 'file.saveAs':
      return workbench.saveAs();
    case 'app.quit':
      return workbench.quit();
    case 'edit.undo':
    case 'edit.redo':
    case 'edit.cut':
    case 'edit.copy':
    case 'edit.paste':
    case 'edit.find':
    case 'edit.replace':
      return workbench.editorAction(EDITOR_ACTIONS[command.command] ?? command.command);
    case 'view.preview':
      return workbench.togglePreview();
    case 'view.monitor':
      return workbench.toggleMonitor();
    case 'view.theme':
      return workbench.setTheme(command.theme);
    case 'isolation.preset':
      return workbench.setIsolation({ preset: command.preset });
    case 'isolation.move':
      return workbench.setIsolation({ task: command.task, kind: command.kind });
    case 'isolation.grammarPool':
      return workbench.setGrammarPool(command.size);
    case 'task.restart':
      return workbench.taskAction({ task: command.task, action: 'restart' });
    case 'task.fault':
      return workbench.taskAction({ task: command.task, action: 'fault', fault: command.fault });
    case 'help.about':
      return workbench.about();
    case 'help.lesson':
      return workbench.lesson();
    case 'help.welcome':
      return workbench.welcome();
    default:
      command satisfies never;
  }
}
