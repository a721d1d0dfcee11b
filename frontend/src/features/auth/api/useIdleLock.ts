import { useEffect } from 'react';

const activity = ['mousemove', 'mousedown', 'keydown', 'wheel', 'touchstart'] as const;

/** Calls onIdle once no mouse or keyboard input came for the given minutes (0: never). */
export function useIdleLock(minutes: number, onIdle: () => void) {
  useEffect(() => {
    if (minutes <= 0) return undefined;
    let timer = window.setTimeout(onIdle, minutes * 60_000);
    const reset = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(onIdle, minutes * 60_000);
    };
    for (const name of activity) window.addEventListener(name, reset, { passive: true });
    return () => {
      window.clearTimeout(timer);
      for (const name of activity) window.removeEventListener(name, reset);
    };
  }, [minutes, onIdle]);
}
