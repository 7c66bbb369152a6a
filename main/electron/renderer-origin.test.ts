import { describe, expect, it } from 'vitest';
import { RENDERER_ENTRY_URL, isAllowedNavigation, isRendererOrigin, isRendererPage } from './renderer-origin.ts';

const dev = 'http://localhost:5173/';

describe('renderer origin', () => {
  it.each([
    [RENDERER_ENTRY_URL, undefined, true],
    ['forkpad://app/', undefined, true],
    ['forkpad://app/index.html#section', undefined, true],
    ['forkpad://app/assets/index-abc.js', undefined, false],
    ['forkpad://evil/index.html', undefined, false],
    ['forkpad://user:pass@app/index.html', undefined, false],
    ['file:///work/out/renderer/index.html', undefined, false],
    ['https://app/index.html', undefined, false],
    ['http://localhost:5173/', dev, true],
    ['http://localhost:5173/index.html', dev, true],
    ['http://localhost:5173/', undefined, false],
    ['http://localhost:5174/', dev, false],
    ['http://localhost:5173.evil.com/', dev, false],
    ['http://127.0.0.1:5173/', dev, false],
    ['about:blank', dev, false],
    ['not a url', dev, false],
    ['', dev, false],
  ] as const)('%s (dev server %s) is the renderer page: %s', (url, devServer, expected) => {
    expect(isRendererPage(url, devServer)).toBe(expected);
    expect(isAllowedNavigation(url, devServer)).toBe(expected);
  });

  it('treats assets as the renderer origin but not as its page', () => {
    expect(isRendererOrigin('forkpad://app/assets/editor.worker.js')).toBe(true);
    expect(isRendererPage('forkpad://app/assets/editor.worker.js')).toBe(false);
  });

  it('ignores a dev server URL that is not http(s)', () => {
    expect(isRendererOrigin('file:///tmp/index.html', 'file:///tmp/')).toBe(false);
    expect(isRendererOrigin('javascript:alert(1)', 'javascript:alert(1)')).toBe(false);
  });
});
