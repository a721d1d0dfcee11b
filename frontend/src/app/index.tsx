import { Center, Loader } from '@mantine/core';
import { lazy, Suspense, useEffect } from 'react';
import { AuthGate } from '@/features/auth/components/AuthGate';
import { LoginSecondFactor } from '@/features/twofactor/components/LoginSecondFactor';
import { useRoute } from '@/lib/router';
import { AppProvider } from './provider';

// The logged-in app is a chunk of its own: the first bundle holds what the login screen
// needs, and the rest is fetched while the user types (see preloadWorkspace).
const loadWorkspace = () => import('./Workspace');
const Workspace = lazy(loadWorkspace);

/** Fetches the logged-in app once the first screen is up, so logging in does not wait for it. */
function usePreloadWorkspace() {
  useEffect(() => {
    const id = setTimeout(() => void loadWorkspace(), 300);
    return () => clearTimeout(id);
  }, []);
}

function Shell() {
  const { parts } = useRoute();
  usePreloadWorkspace();
  return (
    <AuthGate secondFactor={(step) => <LoginSecondFactor {...step} />}>
      {(session, actions) => (
        <Suspense
          fallback={
            <Center mih="100vh">
              <Loader />
            </Center>
          }
        >
          <Workspace route={parts} session={session} actions={actions} />
        </Suspense>
      )}
    </AuthGate>
  );
}

export function App() {
  return (
    <AppProvider>
      <Shell />
    </AppProvider>
  );
}
