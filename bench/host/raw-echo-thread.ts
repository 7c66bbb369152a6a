/** A bare worker that answers every message with a result-shaped one: the raw postMessage baseline. */
import { parentPort } from 'node:worker_threads';
import { echoReply } from './raw-echo-reply.ts';

if (!parentPort) throw new Error('raw-echo-thread.ts must run in a worker thread');
const port = parentPort;
port.on('message', (message: unknown) => port.postMessage(echoReply(message)));
