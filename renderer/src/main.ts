/**
 * The renderer's entry: connect to the host, say hello, start the app. A failure here is shown
 * on the page, since there is no editor yet to carry a notice.
 */
import { startApp } from './app.ts';
import { connectHost } from './host/connect.ts';

const HELLO_TIMEOUT_MS = 15_000;

async function main(): Promise<void> {
  const root = document.getElementById('app');
  if (!root) throw new Error('The page has no #app element');
  try {
    const connection = connectHost();
    const hello = await connection.client.api.hello(null, { timeoutMs: HELLO_TIMEOUT_MS });
    const app = startApp(root, connection, hello);
    window.addEventListener('pagehide', () => {
      app.dispose();
      connection.link.close();
    });
  } catch (error) {
    const message = document.createElement('p');
    message.className = 'app-error';
    message.setAttribute('role', 'alert');
    message.textContent = `Forkpad could not reach its host: ${error instanceof Error ? error.message : String(error)}`;
    root.replaceChildren(message);
    root.removeAttribute('aria-busy');
    console.error(`[renderer] startup failed: ${String(error)}`);
  }
}

void main();
