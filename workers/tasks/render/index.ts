/**
 * Entry of the render task for every kind of host: `createTask` builds its API. It imports only
 * Node and npm modules, so it runs unchanged inline, in a worker thread or in a child process.
 */
import type { TaskFactory } from '../../common/task-api.ts';
import { RenderTask } from './render-task.ts';

export const createTask: TaskFactory<'render'> = (context) => {
  const task = new RenderTask(context.document);
  // Bound here so a host may call the methods detached from the object.
  return Promise.resolve({
    open: (request) => task.open(request),
    change: (request) => task.change(request),
    render: (request, signal) => task.render(request, signal),
  });
};
