/**
 * Entry point of a task thread (`new Worker(entry, { name: task })`); built as
 * out/main/task-thread.js.
 */
import { loadRegisteredTask } from '../tasks/registry.ts';
import { serveTask } from './serve-task.ts';
import { threadParentPort, threadRuntime } from './thread-port.ts';

serveTask(threadParentPort(), { runtime: threadRuntime(performance.now()), loadTask: loadRegisteredTask });
