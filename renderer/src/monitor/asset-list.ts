/**
 * The data files a task's host loaded, in the task's expanded detail row under its chart: a
 * labelled list that is patched in place on every refresh (so a screen reader's place in it
 * holds), with a note saying how each figure is measured.
 */
import type { AssetLoad } from '../../../workers/common/asset-loads.ts';
import { assetNote, assetText } from './asset-text.ts';

export interface AssetList {
  readonly element: HTMLElement;
  update(assets: readonly AssetLoad[] | null): void;
}

export function assetList(taskLabel: string): AssetList {
  const element = document.createElement('section');
  element.className = 'monitor-assets';
  const heading = Object.assign(document.createElement('h3'), { textContent: `Data files ${taskLabel} loaded` });
  heading.id = `monitor-assets-${taskLabel.replace(/[^a-z0-9]+/gi, '-')}`;
  const list = document.createElement('ul');
  list.setAttribute('aria-labelledby', heading.id);
  const note = Object.assign(document.createElement('p'), { className: 'monitor-assets-note' });
  element.append(heading, list, note);
  return {
    element,
    update(assets) {
      element.hidden = assets === null || assets.length === 0;
      const explained = assetNote(assets);
      if (note.textContent !== explained) note.textContent = explained;
      const lines = (assets ?? []).map(assetText);
      while (list.children.length > lines.length) list.lastElementChild?.remove();
      lines.forEach((line, index) => {
        const item = list.children[index] ?? list.appendChild(document.createElement('li'));
        if (item.textContent !== line) item.textContent = line;
      });
    },
  };
}
