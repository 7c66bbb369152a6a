/**
 * Resolves the theme setting to light or dark. "system" follows the OS through
 * `prefers-color-scheme` and keeps following it while the page is open.
 */
import type { Theme } from '../../workers/common/host-api.ts';

export type ResolvedTheme = 'light' | 'dark';

export class ThemeController {
  private setting: Theme;
  private readonly query = window.matchMedia('(prefers-color-scheme: dark)');
  private readonly listeners = new Set<(theme: ResolvedTheme) => void>();
  private readonly onSystemChange = () => {
    if (this.setting === 'system') this.apply();
  };

  constructor(setting: Theme) {
    this.setting = setting;
    this.query.addEventListener('change', this.onSystemChange);
    this.apply();
  }

  get current(): ResolvedTheme {
    if (this.setting === 'system') return this.query.matches ? 'dark' : 'light';
    return this.setting;
  }

  get preference(): Theme {
    return this.setting;
  }

  set(setting: Theme): void {
    this.setting = setting;
    this.apply();
  }

  onChange(listener: (theme: ResolvedTheme) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  dispose(): void {
    this.query.removeEventListener('change', this.onSystemChange);
    this.listeners.clear();
  }

  private apply(): void {
    const theme = this.current;
    document.documentElement.dataset.theme = theme;
    for (const listener of this.listeners) listener(theme);
  }
}
