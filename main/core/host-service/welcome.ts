/**
 * The welcome document: what a new user meets on first launch, and what Help → Welcome brings
 * back. It is an untitled, unmodified document, so closing it asks nothing, and it holds a few
 * deliberate slips so that every task has something to show from the first second.
 */
export const WELCOME_TEXT = `# Welcome to Forkpad

Forkpad is a text editor whose architecture is the lesson. Four tasks run beside the editor:

- **keystroke** records every keystroke and edit, so your text survives a crash;
- **render** draws this Markdown preview;
- **spellcheck** underlines words it does not know, like recieve and seperate;
- **grammar** flags slips such as a error or the the same word twice.

Each task runs on the host's main thread, in a worker thread or in a process of its own. Try it:

1. Pick another model from the **Isolation** menu while you type: the text stays, the tasks move.
2. Watch what each task costs in the **Task Monitor** below (View → Task Monitor).
3. Open a task's row menu in the monitor and inject a fault: crash it, hang it, or race it.
4. Open **The Lesson** (Help → The Lesson) to measure the notes' claims on this machine.

Put the cursor on an underlined word and press Ctrl+. for suggestions. Even Forkpad is
underlined: the dictionary does not know it, so add it to yours from the same list.
Nothing here is saved unless you save it; Help → Welcome brings this page back.
`;
