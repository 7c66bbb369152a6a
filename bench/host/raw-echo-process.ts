/** A bare forked child that answers every IPC message with a result-shaped one: the raw IPC baseline. */
import { echoReply } from './raw-echo-reply.ts';

if (!process.send) throw new Error('raw-echo-process.ts must run as a forked child with an IPC channel');
const send = process.send.bind(process);
process.on('message', (message: unknown) => send(echoReply(message)));
process.on('disconnect', () => process.exit(0));
