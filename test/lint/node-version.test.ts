/**
 * The whole suite runs on Node 24, the Node inside Electron 45, even when the shell's Node is
 * older: npm puts the node@24 devDependency first on PATH for scripts and tool shebangs.
 * If someone runs ./node_modules/.bin/vitest with an older node, this fails instead of
 * letting the suite pass on a Node the app never ships with.
 */
import { describe, expect, it } from 'vitest';

describe('toolchain', () => {
  it('runs the tests on Node 24', () => {
    expect(process.versions.node.split('.')[0]).toBe('24');
  });
});
