import { Center, Loader } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '@/components/ui/ErrorAlert';
import { EventName, onEvent, type SessionInfo } from '@/lib/backend';
import { authApi, type AppState } from '../api/authApi';
import { isLanguage, setLanguage } from '@/lib/i18n';
import { appStateKey, useAppState } from '../api/session';
import { useIdleLock } from '../api/useIdleLock';
import { FirstRunScreen } from './FirstRunScreen';
import { LoginScreen, type SecondFactorStep } from './LoginScreen';

export interface SessionActions {
  logout: () => void;
  lock: () => void;
}

/**
 * Shows the first-run screen on an empty data folder, the login screen when nobody is
 * logged in, and the app otherwise. Locks after the idle period and when the backend
 * says it locked (OS suspend, idle check).
 */
export function AuthGate({
  children,
  secondFactor,
}: {
  children: (session: SessionInfo, actions: SessionActions) => ReactNode;
  /** The login's second step on a new device (the app composes the two-factor feature's). */
  secondFactor?: SecondFactorStep;
}) {
  const { i18n } = useTranslation();
  const client = useQueryClient();
  const state = useAppState();
  const [locked, setLocked] = useState(false);

  const refresh = useCallback(() => client.invalidateQueries({ queryKey: appStateKey }), [client]);
  // Back to the login screen: forget the session and every cached record.
  const signedOut = useCallback(
    (wasLocked: boolean) => {
      setLocked(wasLocked);
      client.setQueryData<AppState>(appStateKey, (s) => (s ? { ...s, session: undefined } : s));
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== appStateKey[0] });
    },
    [client],
  );
  const lock = useCallback(() => {
    void authApi.lock().finally(() => signedOut(true));
  }, [signedOut]);
  const logout = useCallback(() => {
    void authApi.logout().finally(() => signedOut(false));
  }, [signedOut]);

  useEffect(() => onEvent(EventName.SessionLocked, () => signedOut(true)), [signedOut]);

  const session = state.data?.session ?? null;
  useIdleLock(session ? session.idleLockMinutes : 0, lock);

  // The store's language is the first choice until the user picks another one.
  const storeLang = state.data?.lang ?? '';
  useEffect(() => {
    if (storeLang && isLanguage(storeLang) && !globalThis.localStorage?.getItem('dataskydd.language')) {
      void setLanguage(i18n, storeLang);
    }
  }, [storeLang, i18n]);

  if (state.isPending) {
    return (
      <Center mih="100vh">
        <Loader />
      </Center>
    );
  }
  if (state.isError) {
    return (
      <Center mih="100vh" p="xl">
        <ErrorAlert error={state.error} />
      </Center>
    );
  }
  if (!state.data.setUp) {
    return <FirstRunScreen onDone={() => void refresh()} />;
  }
  if (!session) {
    return (
      <LoginScreen
        orgName={state.data.orgName}
        locked={locked}
        secondFactor={secondFactor}
        onLoggedIn={() => {
          setLocked(false);
          void refresh();
        }}
      />
    );
  }
  return <>{children(session, { logout, lock })}</>;
}
