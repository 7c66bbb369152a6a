/**
 * Both menus render from the host's one `hostState` snapshot: the page's menu bar from
 * `buildMenu(menuStateOf(state))` (renderer/src/app.ts), Electron's native menu from the template
 * of the same tree (main.ts). Built from one snapshot, they check and enable the same items.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import type { HostState } from '../../workers/common/host-state.ts';
import { menuStateOf } from '../../workers/common/host-state.ts';
import { buildMenu, walkMenu } from '../../workers/common/menu-model.ts';
import { menuTemplate } from './menu-template.ts';

const snapshot: HostState = {
  platform: 'electron',
  model: { keystroke: 'thread', render: 'inline', spellcheck: 'thread', grammar: 'process' },
  tasks: { keystroke: { kind: 'thread', state: 'ready' }, grammar: { kind: 'process', state: 'crashed' } },
  switching: false,
  settings: { previewVisible: false, monitorVisible: true, theme: 'dark', refreshMs: 1_000, grammarPoolSize: 2 },
  recentFiles: ['/notes/a.md', '/notes/b.md'],
  document: { path: '/notes/a.md', dirty: true },
  grammarPool: { size: 2, max: 4 },
};

type Marks = { readonly checked: string[]; readonly disabled: string[] };

function webMarks(state: HostState): Marks {
  const items = [...walkMenu(buildMenu(menuStateOf(state)))].filter((item) => item.type !== 'separator' && item.type !== 'submenu');
  return {
    checked: items.filter((item) => 'checked' in item && item.checked === true).map((item) => item.id).sort(),
    disabled: items.filter((item) => 'enabled' in item && item.enabled === false).map((item) => item.id).sort(),
  };
}

function nativeMarks(state: HostState): Marks {
  const checked: string[] = [];
  const disabled: string[] = [];
  const walk = (entries: readonly MenuItemConstructorOptions[]) => {
    for (const entry of entries) {
      if (Array.isArray(entry.submenu)) walk(entry.submenu);
      else if (entry.id !== undefined && entry.type !== 'separator') {
        if (entry.checked === true) checked.push(entry.id);
        if (entry.enabled === false) disabled.push(entry.id);
      }
    }
  };
  walk(menuTemplate(buildMenu(menuStateOf(state)), { os: 'linux', appName: 'Forkpad', dispatch: () => undefined }));
  return { checked: checked.sort(), disabled: disabled.sort() };
}

describe('the web menu and the native menu, from one hostState snapshot', () => {
  it('check the same items, and those are what the snapshot says', () => {
    const web = webMarks(snapshot);
    expect(nativeMarks(snapshot)).toEqual(web);
    expect(web.checked).toEqual(
      expect.arrayContaining(['view.monitor', 'view.theme.dark', 'isolation.task.grammar.process', 'isolation.task.render.inline', 'isolation.grammarPool.2']),
    );
    expect(web.checked).not.toContain('view.preview');
  });

  it('follow the snapshot together: a switch in flight disables the same isolation items in both', () => {
    const switching = { ...snapshot, switching: true, settings: { ...snapshot.settings, theme: 'light' as const, previewVisible: true } };
    const web = webMarks(switching);
    expect(nativeMarks(switching)).toEqual(web);
    expect(web.checked).toEqual(expect.arrayContaining(['view.preview', 'view.theme.light']));
    expect(web.disabled).toEqual(expect.arrayContaining(['isolation.task.grammar.process', 'isolation.preset.threads']));
    expect(web.disabled.length).toBeGreaterThan(webMarks(snapshot).disabled.length);
  });
});
