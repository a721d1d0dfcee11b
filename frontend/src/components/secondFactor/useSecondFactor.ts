import { useState, type FormEvent } from 'react';
import type { Challenge } from '@/lib/backend';

/** What the backend checks: an SMS challenge's id and code, or a code from the authenticator app. */
export interface SecondFactorProof {
  /** '' for a code from the authenticator app. */
  challengeId: string;
  code: string;
  totp: boolean;
}

/**
 * The state of one second-factor step: SMS (send a code, then type it) or the authenticator
 * app (type its code), the code typed so far and the step's error. `start` asks the backend
 * for an SMS challenge of the flow at hand (login, phone change, secure data).
 */
export function useSecondFactor(start: () => Promise<Challenge>) {
  const [totp, setTotp] = useState(false);
  const [challenge, setChallenge] = useState<Challenge | null>(null);
  const [code, setCode] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const fail = (e: unknown) => {
    setError(e);
    setCode('');
  };

  const send = async () => {
    setError(null);
    setSending(true);
    try {
      setChallenge(await start());
      setCode('');
    } catch (e) {
      setError(e);
    } finally {
      setSending(false);
    }
  };

  return {
    totp,
    challenge,
    code,
    setCode,
    sending,
    send,
    error,
    setError,
    /** A code can be typed: the app is chosen, or an SMS code was sent. */
    ready: totp || challenge != null,
    /** SMS or the authenticator app, the other one; what was typed goes. */
    switchFactor: () => {
      setTotp(!totp);
      setCode('');
      setError(null);
    },
    /** The backend refused: show why, and let the code be typed again. */
    fail,
    /** A submit is running. */
    busy,
    /**
     * Submits the step's form: runs check (the flow's own call with proof()) with busy on and
     * the error cleared; a rejection is shown and the code cleared, unless handled takes it.
     */
    submit: async (event: FormEvent, check: () => Promise<void>, handled?: (e: unknown) => boolean) => {
      event.preventDefault();
      event.stopPropagation(); // the step may sit in a dialog inside another form (React events bubble through portals)
      setBusy(true);
      setError(null);
      try {
        await check();
      } catch (e) {
        if (!handled?.(e)) fail(e);
      } finally {
        setBusy(false);
      }
    },
    proof: (): SecondFactorProof => ({ challengeId: totp ? '' : (challenge?.id ?? ''), code: code.trim(), totp }),
  };
}

export type SecondFactor = ReturnType<typeof useSecondFactor>;
