/**
 * Tells the shell each time a page has been answered its `hello`: the moment a notice can reach
 * it. Events posted earlier are lost, because the page subscribes to them only once its hello is
 * answered (renderer/src/main.ts), so a notice about a reload must wait for this. The host core
 * stays as it is; this wraps the window's port, reading only what passes through it.
 */
import { decodeRpcMessage, type Port, type RpcMessage } from '../../workers/common/rpc-messages.ts';

export function watchHello(port: Port, onAnswered: () => void): Port {
  const pending = new Set<number>();
  return {
    post(message: RpcMessage): void {
      port.post(message);
      if (message.type === 'result' && pending.delete(message.id)) onAnswered();
      else if (message.type === 'error') pending.delete(message.id);
    },
    listen(handler) {
      return port.listen((raw) => {
        const message = decodeRpcMessage(raw);
        if ('type' in message && message.type === 'call' && message.method === 'hello') pending.add(message.id);
        handler(raw);
      });
    },
  };
}
