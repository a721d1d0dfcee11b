import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { i18n as I18n } from 'i18next';
import { useState, type ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { createI18n } from '@/lib/i18n';
import { translations } from './locales';
import { theme } from './theme';

export function makeQueryClient() {
  return new QueryClient({
    defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } },
  });
}

interface Props {
  children: ReactNode;
  i18n?: I18n;
  queryClient?: QueryClient;
}

/** Everything a screen needs around it: theme (light/dark follows the OS), language, data cache. */
export function AppProvider({ children, i18n, queryClient }: Props) {
  const [i18nInstance] = useState(() => i18n ?? createI18n(translations));
  const [client] = useState(() => queryClient ?? makeQueryClient());
  return (
    <I18nextProvider i18n={i18nInstance}>
      <MantineProvider theme={theme} defaultColorScheme="auto">
        <Notifications position="top-right" />
        <QueryClientProvider client={client}>{children}</QueryClientProvider>
      </MantineProvider>
    </I18nextProvider>
  );
}
