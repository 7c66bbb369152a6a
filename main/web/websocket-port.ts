/**
 * The shared RPC's `Port` over one server-side WebSocket (`ws`): JSON text frames carrying
 * `RpcMessage`s. A frame that is binary, not JSON, or not a well-formed message never reaches the
 * RPC; the client is told why with a `protocolError` event and the connection stays up.
 */
import type { WebSocket } from 'ws';
import { serializeError } from '../../workers/common/errors.ts';
import { decodeRpcMessage, type Port, type RpcMessage } from '../../workers/common/rpc-messages.ts';

export interface WebSocketPortOptions {
  readonly label: string;
  readonly log: (line: string) => void;
}

function send(socket: WebSocket, message: RpcMessage): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
}

export function webSocketPort(socket: WebSocket, options: WebSocketPortOptions): Port {
  const listeners = new Set<(message: unknown) => void>();
  let refused = 0;

  const refuse = (why: string) => {
    refused += 1;
    // One log line per 100 refusals: a misbehaving client must not flood the host's log either.
    if (refused % 100 === 1) options.log(`${options.label} refused a frame (${refused} so far): ${why}`);
    send(socket, { type: 'event', name: 'protocolError', payload: { message: `Refused a frame: ${why}` } });
  };

  socket.on('message', (data, isBinary) => {
    if (isBinary) return refuse('binary frames are not accepted; send JSON text');
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]).toString('utf8'));
    } catch (error) {
      return refuse(`it is not JSON (${(error as Error).message.slice(0, 120)})`);
    }
    const message = decodeRpcMessage(parsed);
    if ('invalid' in message) return refuse(`it is not an RPC message (${message.invalid})`);
    for (const listener of listeners) listener(message);
  });

  return {
    post(message) {
      try {
        send(socket, message);
      } catch (error) {
        // A value JSON cannot carry: the caller still gets an answer, as an error.
        options.log(`${options.label} could not send a ${message.type} message: ${String(error)}`);
        if (message.type === 'result') send(socket, { type: 'error', id: message.id, error: serializeError(error) });
      }
    },
    listen(handler) {
      listeners.add(handler);
      return () => listeners.delete(handler);
    },
  };
}
