/**
 * The renderer's entry: connect to the host, say hello, start the app. This module is small on
 * purpose: it asks for `hello` at once, while the app's code (Monaco, megabytes) is still being
 * fetched and compiled, so the host's answer and the editor's code arrive side by side instead of
 * one after the other. A failure here is shown on the page, since there is no editor yet to carry
 * a notice.
 */
import { connectHost } from './host/connect.ts';

const HELLO_TIMEOUT_MS = 15_000;

async function main(): Promise<void> {
  const root = document.getElementById('app');
  if (!root) throw new Error('The page has no #app element');
  try {
    // Marks in the page's performance timeline, so start-up can be taken apart (bench scenario 7).
    performance.mark('forkpad:connect');
    const connection = connectHost();
    const loading = import('./app.ts');
    // Without this, a failed hello would leave the import's own failure unobserved.
    loading.catch(() => undefined);
    const hello = await connection.client.api.hello(null, { timeoutMs: HELLO_TIMEOUT_MS });
    performance.mark('forkpad:hello');
    // Events sent after hello belong to the app, which may still be loading: they wait for it.
    connection.holdEvents();
    const { startApp } = await loading;
    performance.mark('forkpad:app-loaded');
    const app = startApp(root, connection, hello);
    connection.releaseEvents();
    performance.mark('forkpad:editor');
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
