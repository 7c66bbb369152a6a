/** docs/security.md lists every boundary limit with the value the code enforces. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HOST_REQUEST_LIMITS } from './host-api-schemas.ts';

const doc = readFileSync(new URL('../../../docs/security.md', import.meta.url), 'utf8');

describe('documented limits', () => {
  it.each(Object.entries(HOST_REQUEST_LIMITS))('%s = %d is in docs/security.md', (name, value) => {
    const row = doc.split('\n').find((line) => line.startsWith('|') && line.includes(`\`${name}\``));
    expect(row, `a table row for ${name}`).toBeDefined();
    expect(row).toContain(value.toLocaleString('en-US'));
  });
});
