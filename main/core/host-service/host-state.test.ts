import { describe, expect, it } from 'vitest';
import type { HostState } from '../../../workers/common/host-state.ts';
import { HostStatePublisher } from './host-state.ts';

const base: HostState = {
  platform: 'web',
  model: { keystroke: 'thread', render: 'thread', spellcheck: 'thread', grammar: 'process' },
  tasks: {},
  switching: false,
  settings: { previewVisible: true, monitorVisible: false, theme: 'system', refreshMs: 1_000 },
  recentFiles: [],
  document: { path: null, dirty: false },
  grammarPool: { size: 1, max: 2 },
};

describe('HostStatePublisher', () => {
  it('publishes a snapshot to the renderer and its listeners only when it differs from the last', () => {
    let state = base;
    const sent: unknown[] = [];
    const heard: HostState[] = [];
    const publisher = new HostStatePublisher(() => state, (name, payload) => sent.push({ name, payload }));
    publisher.onChange((next) => heard.push(next));
    publisher.refresh(); // Nothing changed since construction.
    state = { ...base, document: { path: null, dirty: true } };
    publisher.refresh();
    publisher.refresh(); // The same again: a dirty edit after a dirty edit.
    state = { ...state, switching: true };
    publisher.refresh();
    expect(heard.map((next) => [next.document.dirty, next.switching])).toEqual([[true, false], [true, true]]);
    expect(sent).toEqual(heard.map((payload) => ({ name: 'hostState', payload })));
    expect(publisher.current).toBe(state);
  });
});
