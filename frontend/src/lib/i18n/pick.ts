// The one place that maps the UI language to what the backend and Intl need: the Intl locale,
// and the Swedish or English of the pairs the backend sends (labelSv/labelEn, label_sv/label_en,
// typeLabelSv/typeLabelEn, …). Everything else asks here.
import { useTranslation } from 'react-i18next';

/** The Intl locale of a UI language. */
export function localeOf(language: string): string {
  return language === 'en' ? 'en-GB' : 'sv-SE';
}

/** Picks the Swedish or the English of a pair by the UI language; Swedish when the English is empty. */
export function pick(language: string, sv: string, en: string): string {
  return (language === 'en' ? en : sv) || sv;
}

/** Something the backend labels in both languages (a record type, a field, a retention policy). */
export interface Labelled {
  labelSv: string;
  labelEn: string;
}

/** The label of a labelled thing in the UI language. */
export function labelOf(language: string, item: Labelled): string {
  return pick(language, item.labelSv, item.labelEn);
}

/** A record type's name for one record ("Kund"): its singular label, else its plural one. */
export function singularOf(language: string, type: Labelled & { singularSv: string; singularEn: string }): string {
  return pick(language, type.singularSv || type.labelSv, type.singularEn || type.labelEn);
}

/** pick and labelOf bound to the current UI language. */
export function usePick() {
  const { i18n } = useTranslation();
  const language = i18n.language;
  return {
    language,
    pick: (sv: string, en: string) => pick(language, sv, en),
    label: (item: Labelled) => labelOf(language, item),
  };
}
