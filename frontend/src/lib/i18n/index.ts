import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';

export const languages = ['sv', 'en'] as const;
export type Language = (typeof languages)[number];

/** The strings of every language (src/app/locales.ts composes the app's). */
export type Translations = Record<Language, object>;

const storageKey = 'dataskydd.language';

export function isLanguage(value: string): value is Language {
  return (languages as readonly string[]).includes(value);
}

/** The language to start in: the user's last choice, else English for an English OS, else Swedish. */
export function initialLanguage(): Language {
  const saved = globalThis.localStorage?.getItem(storageKey);
  if (saved && isLanguage(saved)) return saved;
  const os = globalThis.navigator?.language?.toLowerCase() ?? 'sv';
  return os.startsWith('en') ? 'en' : 'sv';
}

/** Switches the UI language and remembers the choice. */
export async function setLanguage(instance: I18n, lang: Language): Promise<void> {
  globalThis.localStorage?.setItem(storageKey, lang);
  document.documentElement.lang = lang;
  await instance.changeLanguage(lang);
}

/** Makes an initialised i18next instance; the strings are bundled, so it is ready at once. */
export function createI18n(translations: Translations, lng: Language = initialLanguage()): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources: {
      sv: { translation: translations.sv },
      en: { translation: translations.en },
    },
    lng,
    fallbackLng: false,
    supportedLngs: [...languages],
    interpolation: { escapeValue: false }, // React escapes
    initAsync: false,
  });
  return instance;
}
