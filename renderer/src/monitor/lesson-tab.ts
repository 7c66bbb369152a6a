/**
 * "The Lesson": each claim of the OS notes beside evidence measured live on this machine. The
 * claims are fixed text; the evidence comes from the host, which measures on request.
 */

export interface Claim {
  readonly id: string;
  readonly title: string;
  readonly claim: string;
}

export const CLAIMS: readonly Claim[] = [
  { id: 'creation', title: 'Creation time', claim: 'Creating a thread is cheaper than creating a process.' },
  { id: 'memory', title: 'Memory', claim: 'Threads share memory; each process carries its own, with and without the task loaded.' },
  { id: 'communication', title: 'Communication cost', claim: 'Talking to a thread costs less than talking to a process, for small and for large (100 KB) messages.' },
  { id: 'isolation', title: 'Crash isolation', claim: 'A crash in a process takes down only that process; a crash on a shared thread takes its neighbours with it.' },
  { id: 'parallelism', title: 'Parallelism', claim: 'Several processes use several cores: grammar over a large document speeds up with one process per core.' },
  { id: 'blocking', title: 'Blocking', claim: 'Work on the main thread delays everything else on it: keystroke acknowledgement slows while grammar runs inline, not while it runs off-thread.' },
];

export class LessonTab {
  private readonly status: HTMLElement;

  constructor(parent: HTMLElement) {
    const intro = Object.assign(document.createElement('p'), {
      className: 'lesson-intro',
      textContent: 'The notes say: threads are cheap and share memory; processes cost more but isolate faults and use more cores. Each claim below stands beside what this machine measures.',
    });
    this.status = Object.assign(document.createElement('p'), { className: 'lesson-status' });
    const list = document.createElement('dl');
    list.className = 'lesson-claims';
    for (const claim of CLAIMS) {
      const term = Object.assign(document.createElement('dt'), { textContent: claim.title });
      const text = Object.assign(document.createElement('dd'), { className: 'lesson-claim', textContent: claim.claim });
      const evidence = Object.assign(document.createElement('dd'), { className: 'lesson-evidence' });
      evidence.dataset.claim = claim.id;
      list.append(term, text, evidence);
    }
    parent.append(intro, this.status, list);
  }

  /** Says why there is no evidence to show (the host cannot measure, or measuring failed). */
  unavailable(reason: string): void {
    this.status.textContent = reason;
    this.status.dataset.tone = 'warning';
  }
}
