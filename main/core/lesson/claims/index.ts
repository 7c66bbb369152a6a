/**
 * Every claim's measurement, by id: the runner looks a claim up here. A new claim is its file in
 * this folder (measuring and judging it) and one line below; its words and time budget are its
 * entry in LESSON_CLAIMS (workers/common/lesson.ts). The Record makes both required.
 */
import type { ClaimId } from '../../../../workers/common/lesson.ts';
import type { ClaimMeasurement } from '../lesson-protocol.ts';
import { measureBlocking } from './blocking.ts';
import type { ClaimContext } from './claim-context.ts';
import { measureCommunication } from './communication.ts';
import { measureCreation } from './creation.ts';
import { measureDebugging } from './debugging.ts';
import { measureIoBound } from './io-bound.ts';
import { measureIsolation } from './isolation.ts';
import { measureMemory } from './memory.ts';
import { measureParallelism } from './parallelism.ts';
import { measureSharing } from './sharing.ts';
import { measureSingleCore } from './single-core.ts';
import { measureSwitching } from './switching.ts';

export type MeasureClaim = (context: ClaimContext) => Promise<ClaimMeasurement>;

export const MEASURE_CLAIM: Readonly<Record<ClaimId, MeasureClaim>> = {
  creation: measureCreation,
  memory: measureMemory,
  sharing: measureSharing,
  communication: measureCommunication,
  switching: measureSwitching,
  debugging: measureDebugging,
  isolation: measureIsolation,
  parallelism: measureParallelism,
  'single-core': measureSingleCore,
  'io-bound': measureIoBound,
  blocking: measureBlocking,
};
