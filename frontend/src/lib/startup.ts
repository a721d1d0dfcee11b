// The cold-start measurement (scripts/cold-start.sh): once per page load, when the first
// screen a user can act on (login or first run) has been painted, the app prints one line
// with the wall-clock time to its standard output through the Wails runtime log. Outside
// the app (unit tests, a plain browser) there is no runtime and nothing happens.

let reported = false;

interface WailsRuntime {
  LogPrint?: (message: string) => void;
}

/** The marker the measuring script looks for; the number is Date.now() at the paint. */
export const paintedMarker = 'dataskydd:painted';

/** Reports the first paint of a screen the user can act on, once per page load. */
export function reportPainted(screen: string): void {
  if (reported) return;
  reported = true;
  // The frame after the one React committed has been painted.
  requestAnimationFrame(() =>
    setTimeout(() => {
      const runtime = (globalThis as { runtime?: WailsRuntime }).runtime;
      runtime?.LogPrint?.(`${paintedMarker} ${Date.now()} ${screen} ${Math.round(performance.now())}`);
    }, 0),
  );
}
