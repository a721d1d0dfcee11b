// The system clipboard: the Wails runtime's in the app, the browser's elsewhere.
interface ClipboardRuntime {
  ClipboardSetText(text: string): Promise<boolean>;
  ClipboardGetText(): Promise<string>;
}

function clipboardRuntime(): ClipboardRuntime | null {
  const runtime = window.runtime as Partial<ClipboardRuntime> | undefined;
  return runtime?.ClipboardSetText && runtime.ClipboardGetText ? (runtime as ClipboardRuntime) : null;
}

export const clipboard = {
  setText: async (text: string): Promise<void> => {
    const runtime = clipboardRuntime();
    if (runtime) await runtime.ClipboardSetText(text);
    else await navigator.clipboard.writeText(text);
  },
  getText: async (): Promise<string> => {
    const runtime = clipboardRuntime();
    return runtime ? runtime.ClipboardGetText() : navigator.clipboard.readText();
  },
};
