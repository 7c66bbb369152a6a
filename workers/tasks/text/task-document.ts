/**
 * The document a text task mirrors, with the version rules every task applies: results are
 * computed for the task's current version; asking for a version the task has not reached yet
 * means a change went missing, which the host repairs by re-priming (OUT_OF_SYNC).
 */
import { VersionedDocument, type DocumentChange } from '../../common/document.ts';
import { Errors } from '../../common/errors.ts';
import type { OpenRequest } from '../../common/task-api.ts';

export class TaskDocument {
  #document: VersionedDocument | undefined;

  open(request: OpenRequest): VersionedDocument {
    if (this.#document) this.#document.reset(request);
    else this.#document = new VersionedDocument(request);
    return this.#document;
  }

  /** The open document; throws a clear error before the first `open`. */
  current(method: string): VersionedDocument {
    if (!this.#document) throw Errors.invalidInput(method, 'no document is open');
    return this.#document;
  }

  /** The open document, if any. */
  peek(): VersionedDocument | undefined {
    return this.#document;
  }

  /** The document, once it has reached `version`. */
  at(method: string, version: number): VersionedDocument {
    const document = this.current(method);
    if (version > document.version) throw Errors.outOfSync(version, document.version);
    return document;
  }

  /** Applies `change`; false if it was applied already. */
  apply(change: DocumentChange): boolean {
    return this.current('change').apply(change);
  }
}
