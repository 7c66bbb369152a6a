/**
 * Files the OS or the command line asks Forkpad to open. They can arrive before the window and
 * the host core exist: macOS sends `open-file` before `ready` when a document is double-clicked
 * to launch the app, and the first instance's own argv is read at start. Until the shell is ready
 * the newest request waits (Forkpad shows one document; a later request replaces an earlier one),
 * and from then on each goes straight to the opener.
 */
export class OpenRequests {
  private waiting: string | undefined;
  private opener: ((path: string) => void) | undefined;

  /** Asks for `path` to be opened, now or once `ready` has been called. */
  request(path: string): void {
    if (this.opener) this.opener(path);
    else this.waiting = path;
  }

  /** The shell can open files now: the waiting request, if any, goes first. */
  ready(opener: (path: string) => void): void {
    this.opener = opener;
    const waiting = this.waiting;
    this.waiting = undefined;
    if (waiting !== undefined) opener(waiting);
  }
}
