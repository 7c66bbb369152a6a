/**
 * The spelling scenario's controls, run beside Forkpad on the same pairs: raw nspell with the
 * same dictionary (its own `suggest`, unbounded), and harper.js's spell check (its SpellCheck
 * rule's suggestions for the word alone, as plain text).
 */
import { readFile } from 'node:fs/promises';
import { createBinaryModuleFromUrl, LocalLinter } from 'harper.js';
import nspell from 'nspell';
import type { TaskAssets } from '../../workers/common/task-api.ts';
import type { Suggester } from './quality.ts';

export async function rawNspell(assets: TaskAssets): Promise<{ suggest: Suggester; isWord: (word: string) => boolean }> {
  const [aff, dic] = await Promise.all([readFile(assets.dictionaryAff), readFile(assets.dictionaryDic)]);
  const spell = nspell({ aff, dic });
  return { suggest: (word) => spell.suggest(word), isWord: (word) => spell.correct(word) };
}

export async function harperSpelling(assets: TaskAssets): Promise<{ suggest: Suggester; close: () => Promise<void> }> {
  const bytes = await readFile(assets.harperWasm);
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/wasm' }));
  const binary = createBinaryModuleFromUrl(url, 'full');
  await binary.setup();
  const linter = new LocalLinter({ binary });
  await linter.setup();
  return {
    async suggest(word) {
      const lints = await linter.lint(word, { language: 'plaintext' });
      const suggestions: string[] = [];
      for (const lint of lints) {
        if (lint.lint_kind() === 'Spelling' && suggestions.length === 0) {
          for (const suggestion of lint.suggestions()) {
            suggestions.push(suggestion.get_replacement_text());
            suggestion.free();
          }
        }
        lint.free();
      }
      return suggestions;
    },
    close: async () => {
      await linter.dispose();
      URL.revokeObjectURL(url);
    },
  };
}
