/**
 * Measures one claim of The Lesson several times from the source tree, as the app does (a lesson
 * runner forked per claim, real task hosts), and prints each run's verdict and figures with the
 * machine's load before it: the run-to-run spread a claim's sizing must be judged by.
 *
 *   node scripts/lesson-claim.ts parallelism [runs=5] [full|quick]
 *
 * Run it through npm's Node 24 (`npx node …` or node_modules/.bin/node), which strips the types.
 */
import { loadavg } from 'node:os';
import { CLAIM_IDS, type ClaimId } from '../workers/common/lesson.ts';
import { sourceEntryPaths } from '../main/core/hosts/entry-paths.ts';
import { LessonService } from '../main/core/lesson/lesson-service.ts';
import { SOURCE_LESSON_ENTRY } from '../main/core/lesson/lesson-setup.ts';
import { SOURCE_TASK_ASSETS } from '../workers/node/source-assets.ts';

const [claimArgument = 'parallelism', runsArgument = '5', scaleArgument = 'full'] = process.argv.slice(2);
if (!(CLAIM_IDS as readonly string[]).includes(claimArgument)) throw new Error(`no claim ${claimArgument}: one of ${CLAIM_IDS.join(', ')}`);
if (scaleArgument !== 'full' && scaleArgument !== 'quick') throw new Error(`scale must be full or quick, not ${scaleArgument}`);
const claim = claimArgument as ClaimId;
const runs = Number(runsArgument);

for (let run = 1; run <= runs; run++) {
  const load = loadavg().map((value) => value.toFixed(2)).join(' ');
  const service = new LessonService(
    { entries: sourceEntryPaths(), lessonEntry: SOURCE_LESSON_ENTRY, assets: SOURCE_TASK_ASSETS, log: () => undefined, scale: scaleArgument },
    () => undefined,
  );
  const report = await service.measure({ claims: [claim] });
  const result = report.claims[0];
  console.log(`run ${run} of ${runs}; load average before: ${load}; ${Math.round(report.durationMs)} ms`);
  console.log(`  ${result?.verdict ?? 'not measured'}: ${result?.explanation ?? result?.error ?? ''}`);
  for (const figure of result?.figures ?? []) console.log(`  ${figure.label}: ${figure.value} ${figure.unit} (${figure.detail ?? ''})`);
}
