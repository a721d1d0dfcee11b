import { clipboard } from './systemClipboard';

// One pending clear for the whole app: it outlives the screen that copied, so leaving the
// screen does not leave a secret on the clipboard.
let pending: ReturnType<typeof setTimeout> | undefined;

/**
 * Copies text and clears the clipboard after `seconds`, unless something else was copied
 * meanwhile (that is the user's, not ours).
 */
export async function copyWithAutoClear(text: string, seconds: number): Promise<void> {
  await clipboard.setText(text);
  if (pending) clearTimeout(pending);
  pending = setTimeout(() => {
    pending = undefined;
    void clipboard
      .getText()
      .then((now) => (now === text ? clipboard.setText('') : undefined))
      .catch(() => clipboard.setText(''));
  }, seconds * 1000);
}
