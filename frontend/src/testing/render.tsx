import { render as rtlRender } from '@testing-library/react';
import type { ReactElement } from 'react';
import { translations } from '@/app/locales';
import { AppProvider, makeQueryClient } from '@/app/provider';
import { createI18n, type Language } from '@/lib/i18n';

/** Renders a screen inside the app's providers, in the given language. */
export function renderWithApp(ui: ReactElement, { language = 'en' as Language } = {}) {
  const i18n = createI18n(translations, language);
  const queryClient = makeQueryClient();
  return { i18n, queryClient, ...rtlRender(<AppProvider i18n={i18n} queryClient={queryClient}>{ui}</AppProvider>) };
}
