/**
 * The web host's task supervisor: task threads and `child_process.fork` processes started from
 * the built entries beside out/main/web-host.js (or the TypeScript sources when run from them),
 * inline tasks loaded through the task registry.
 */
import type { TaskAssets } from '../../workers/common/task-api.ts';
import { loadRegisteredTask } from '../../workers/tasks/registry.ts';
import { checkEntryPaths, resolveEntryPaths } from '../core/hosts/entry-paths.ts';
import { forkSpawner } from '../core/hosts/fork-spawner.ts';
import { hostProcessMetrics } from '../core/probes/pidusage-metrics.ts';
import type { SupervisorSetup } from '../core/host-service/host-core.ts';
import type { TaskSupervisor } from '../core/supervisor/supervisor-api.ts';
import { createTaskSupervisor } from '../core/supervisor/task-supervisor.ts';
import { APP_WARM_STANDBY } from '../core/supervisor/supervisor-options.ts';

export interface WebTaskOptions {
  readonly dataDir: string;
  /** The folder of the running web-host module: its built task entries sit beside it. */
  readonly hereDir: string;
  /** The files tasks load: `taskAssets` when built, node_modules paths when run from source. */
  readonly assets: TaskAssets;
  readonly log: (line: string) => void;
}

/** A `createSupervisor` for the host core; throws at once, clearly, if the task entries are missing. */
export function webSupervisorFactory(options: WebTaskOptions): (setup: SupervisorSetup) => TaskSupervisor {
  const entries = checkEntryPaths(resolveEntryPaths(options.hereDir));
  return ({ primer, taskSettings, document }) =>
    createTaskSupervisor({
      entries,
      loadInline: loadRegisteredTask,
      primer,
      document,
      dataDir: options.dataDir,
      assets: options.assets,
      settings: taskSettings,
      spawner: forkSpawner({ log: options.log }),
      // /proc on Linux, pidusage on macOS and Windows, so process rows have figures everywhere.
      processMetrics: hostProcessMetrics(),
      warmStandby: APP_WARM_STANDBY,
      log: options.log,
    });
}
