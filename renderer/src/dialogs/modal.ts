/**
 * A small modal built on the native `<dialog>` element: it traps focus, closes on Escape and
 * returns the value of the button pressed (undefined when dismissed).
 */

export interface ModalButton<T> {
  readonly label: string;
  readonly value: T;
  readonly primary?: boolean;
  readonly danger?: boolean;
}

export interface ModalOptions<T> {
  readonly title: string;
  /** Text, an element, or a builder given `finish` so its own controls can close the modal. */
  readonly body: string | HTMLElement | ((finish: (value: T) => void) => HTMLElement);
  readonly buttons: readonly ModalButton<T>[];
  readonly className?: string;
}

export function showModal<T>(options: ModalOptions<T>): Promise<T | undefined> {
  const dialog = document.createElement('dialog');
  dialog.className = `modal ${options.className ?? ''}`.trim();
  const heading = document.createElement('h2');
  heading.className = 'modal-title';
  heading.id = `modal-title-${Math.random().toString(36).slice(2)}`;
  heading.textContent = options.title;
  dialog.setAttribute('aria-labelledby', heading.id);
  const buttons = document.createElement('div');
  buttons.className = 'modal-buttons';
  const previousFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;

  return new Promise<T | undefined>((resolve) => {
    let result: T | undefined;
    const finish = (value: T | undefined) => {
      result = value;
      dialog.close();
    };
    const body =
      typeof options.body === 'string'
        ? Object.assign(document.createElement('p'), { textContent: options.body })
        : typeof options.body === 'function'
          ? options.body(finish)
          : options.body;
    body.classList.add('modal-body');
    dialog.append(heading, body, buttons);
    for (const button of options.buttons) {
      const element = document.createElement('button');
      element.type = 'button';
      element.textContent = button.label;
      if (button.primary) element.classList.add('primary');
      if (button.danger) element.classList.add('danger');
      element.addEventListener('click', () => finish(button.value));
      buttons.append(element);
    }
    dialog.addEventListener('close', () => {
      dialog.remove();
      previousFocus?.focus();
      resolve(result);
    });
    document.body.append(dialog);
    dialog.showModal();
    const focusTarget = body.querySelector<HTMLElement>('input, [tabindex="0"], button') ?? buttons.querySelector<HTMLElement>('button.primary') ?? buttons.querySelector('button');
    focusTarget?.focus();
  });
}

/** Asks a yes/no question; resolves true only for the confirming button. */
export async function confirmAction(title: string, message: string, confirmLabel: string): Promise<boolean> {
  const answer = await showModal({
    title,
    body: message,
    buttons: [
      { label: 'Cancel', value: false },
      { label: confirmLabel, value: true, primary: true, danger: true },
    ],
  });
  return answer === true;
}
