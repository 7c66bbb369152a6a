/**
 * `npm run icons`: rasterises the one icon source, renderer/assets/forkpad.svg, into the PNGs
 * the installers need. electron-builder makes the .icns and .ico itself from icon.png (1024 px;
 * it needs at least 512), and the Linux packages take the icons/ folder of sized PNGs. Debian's
 * Chromium draws the SVG (through playwright-core), so no image library or downloaded browser is
 * needed; the PNGs are committed because `npm run dist` must not need Chromium.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const ICON_SOURCE = 'renderer/assets/forkpad.svg';
/** The file electron-builder's `icon` names (macOS and Windows). */
export const ICON_PNG = 'scripts/packaging/icon.png';
/** The folder the Linux targets' `icon` names: one `<n>x<n>.png` per size. */
export const LINUX_ICON_FOLDER = 'scripts/packaging/icons';
export const LINUX_ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512] as const;
const LARGEST = 1024;

const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/lib/chromium/chromium', '/usr/bin/chromium-browser'];

export function linuxIconFile(size: number): string {
  return `${LINUX_ICON_FOLDER}/${size}x${size}.png`;
}

async function main(root: string): Promise<void> {
  const executablePath = CHROMIUM_CANDIDATES.find((candidate) => existsSync(candidate));
  if (!executablePath) throw new Error(`Chromium not found (${CHROMIUM_CANDIDATES.join(', ')}): apt-get install -y chromium`);
  const svg = await readFile(join(root, ICON_SOURCE), 'utf8');
  const browser = await chromium.launch({ executablePath, headless: true });
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1 });
    await mkdir(join(root, LINUX_ICON_FOLDER), { recursive: true });
    const outputs: [number, string][] = [[LARGEST, ICON_PNG], ...LINUX_ICON_SIZES.map((size): [number, string] => [size, linuxIconFile(size)])];
    for (const [size, file] of outputs) {
      await page.setViewportSize({ width: size, height: size });
      // The SVG inline, scaled to the viewport, on a transparent page: the PNG keeps its alpha.
      const sized = svg.replace(/width="\d+" height="\d+"/, `width="${size}" height="${size}"`);
      await page.setContent(`<html><body style="margin:0;background:transparent">${sized}</body></html>`);
      await writeFile(join(root, file), await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }));
      console.log(`wrote ${file}`);
    }
  } finally {
    await browser.close();
  }
}

if (import.meta.main) await main(join(import.meta.dirname, '../..'));
