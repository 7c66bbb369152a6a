/**
 * axe-core's WCAG 2.1 A and AA rules over what is on the page (Monaco's own internals left out:
 * they are not ours to fix). Every browser test that opens the monitor, The Lesson or a dialog
 * calls this with it open, so a change that breaks contrast, a name or a role fails there.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const FAILING_IMPACTS = new Set(['critical', 'serious']);

/** Runs axe; throws, listing each one, if any critical or serious violation is found. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_21_AA).exclude('.monaco-editor').analyze();
  const failing = results.violations.filter((violation) => FAILING_IMPACTS.has(violation.impact ?? ''));
  if (failing.length === 0) return;
  const lines = failing.map((violation) => `${violation.impact} ${violation.id}: ${violation.help}\n${violation.nodes.map((node) => `    ${node.target.join(' ')}: ${node.failureSummary?.replace(/\s+/g, ' ') ?? ''}`).join('\n')}`);
  throw new Error(`axe found ${failing.length} critical or serious violation(s) with ${what}:\n${lines.join('\n')}`);
}
