#!/usr/bin/env node
/**
 * Renders docs/reliability.md again from the figures the reliability suites recorded on their
 * last run (test/reliability/figures/*.json). The suites do this themselves when they run; this
 * is for a change to the page's layout. Node 24 runs the TypeScript renderer directly.
 */
import { FIGURES_DIR, RELIABILITY_PAGE, renderPage } from '../test/reliability/support/figures.ts';

await renderPage();
console.log(`${RELIABILITY_PAGE} rendered from ${FIGURES_DIR}`);
