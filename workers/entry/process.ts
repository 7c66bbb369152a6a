/**
 * Entry point of a task process: a `child_process.fork` child in the web host and in tests, a
 * utility process in Electron; built as out/main/task-process.js.
 */
import { loadRegisteredTask } from '../tasks/registry.ts';
import { processParentPort, processRuntime } from './process-port.ts';
import { serveTask } from './serve-task.ts';

serveTask(processParentPort(), { runtime: processRuntime(performance.now()), loadTask: loadRegisteredTask });
