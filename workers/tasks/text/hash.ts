/**
 * cyrb53 as a short string id. Used for display ids only; caches key on the full text, so a
 * collision could at worst make the view patch the wrong block.
 */
import { hashUnits } from '../../common/shared-document/document-reader.ts';

export function hash53(text: string, seed = 0): string {
  return hashUnits(text, seed).toString(36);
}
