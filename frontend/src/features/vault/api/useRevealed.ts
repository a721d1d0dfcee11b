import { useCallback, useEffect, useState } from 'react';
import { EventName, onEvent } from '@/lib/backend';

interface Revealed {
  values: Record<string, string>;
  until: number;
}

/**
 * Decrypted values of entries, in this component's memory only: each entry's values vanish
 * `seconds` after they were shown, when the app locks, and when the screen goes away.
 */
export function useRevealed(seconds: number) {
  const [revealed, setRevealed] = useState<Record<string, Revealed>>({});
  const [now, setNow] = useState(() => Date.now());
  const any = Object.keys(revealed).length > 0;

  useEffect(() => {
    if (!any) return;
    const timer = setInterval(() => {
      const t = Date.now();
      setNow(t);
      setRevealed((current) => {
        const kept = Object.entries(current).filter(([, r]) => r.until > t);
        return kept.length === Object.keys(current).length ? current : Object.fromEntries(kept);
      });
    }, 250);
    return () => clearInterval(timer);
  }, [any]);

  useEffect(() => onEvent(EventName.SessionLocked, () => setRevealed({})), []);

  const show = useCallback(
    (entryId: string, values: Record<string, string>) => {
      const t = Date.now();
      setNow(t);
      setRevealed((current) => ({ ...current, [entryId]: { values, until: t + seconds * 1000 } }));
    },
    [seconds],
  );
  const hide = useCallback((entryId: string) => {
    setRevealed((current) => {
      const next = { ...current };
      delete next[entryId];
      return next;
    });
  }, []);

  const get = (entryId: string) => {
    const r = revealed[entryId];
    if (!r || r.until <= now) return null;
    return { values: r.values, secondsLeft: Math.max(0, Math.ceil((r.until - now) / 1000)) };
  };
  return { get, show, hide };
}
