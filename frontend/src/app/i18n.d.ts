import 'i18next';
import type { sv } from './locales';

// t('...') only accepts keys that exist (in Swedish, the reference language).
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof sv };
  }
}
