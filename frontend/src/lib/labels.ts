// The words the screens show for what the backend stores as names and codes: record types
// (the registry's singular and plural labels), enum values, areas, log actions and targets,
// system-log codes; and the formatters bound to the UI language. Every feature (and the
// person search) shows these through here, so a Swedish screen never shows `company`,
// `work_order` or `2022-07-15T05:43:10Z`.
import type { i18n as I18n, TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useSchemas, type TypeSchema } from './schemas';
import { labelOf, singularOf } from './i18n/pick';
import { formatAmount, formatCount, formatDate, formatDateTime, formatNumber } from './format';

/**
 * Every action the event log can hold: what the app writes (records, erasure, the access
 * report, the secure data) and what an imported or demo log carries. The logs screen offers
 * them as its action filter; shown.test.ts checks the Go code writes no other.
 */
export const eventActions = [
  'create',
  'update',
  'delete',
  'view',
  'export',
  'print',
  'login',
  'logout',
  'access_report',
  'anonymise_everywhere',
  'vault.decrypt',
  'vault.grant',
  'vault.revoke',
  'vault.rotate',
  'vault.form.create',
  'vault.form.update',
  'vault.form.delete',
  'vault.entry.create',
  'vault.entry.update',
  'vault.entry.delete',
  'vault.unlock.failed',
  'vault.unlock.throttled',
  'vault.unlock.second_factor_failed',
  'scheduler_token.create',
  'scheduler_token.revoke',
  'cli.init',
  'cli.check',
  'cli.index',
  'cli.retention.list',
  'cli.retention.set',
  'cli.import',
  'cli.export',
  'cli.search',
  'cli.report',
  'cli.erase',
  'cli.delete',
  'cli.demo',
  'cli.anonymise',
  'cli.anonymise.now',
  'cli.anonymise.dry_run',
  'portal_invite',
  'portal_login',
  'portal_password_set',
  'portal_password_reset',
  'portal_approve',
  'portal_message',
  'portal_report_download',
  'portal_erasure_request',
  'erasure_request_done',
  'erasure_request_rejected',
] as const;

/** Lower-cases the first letter, for a type's name inside a sentence ("Redigera kund C1005"). */
export function inSentence(word: string): string {
  return word.charAt(0).toLocaleLowerCase() + word.slice(1);
}

/** The i18n key of a log action: dots become underscores (vault.entry.create -> vault_entry_create). */
export function actionKey(action: string): string {
  return action.replace(/\./g, '_');
}

export interface Words {
  language: string;
  /** A type's plural label ("Kunder"); the name itself when the type is unknown. */
  typePlural(type: string): string;
  /** A type's singular label, capitalised ("Kund", "Säker uppgift" for vault_entry). */
  typeSingular(type: string): string;
  /** An enum value of a field ("company" of kind -> "Företag"). */
  value(field: string, value: string): string;
  /** An area of the data map (Workcloud, Time, GDPR, Settings). */
  area(area: string): string;
  /** A log action in words ("vault.decrypt" -> "Visade krypterade uppgifter"). */
  action(action: string): string;
  /** A system-log code in words, whatever its casing ("LOGIN_OK" -> "Inloggad"). */
  code(code: string): string;
  dateTime(value: string): string;
  date(value: string): string;
  count(n: number): string;
  number(n: number): string;
  amount(n: number): string;
}

/** Words from a translation function and the schemas (pure; useWords binds them). */
export function makeWords(t: TFunction, i18n: I18n, schemas: TypeSchema[] | undefined): Words {
  const language = i18n.language;
  const schema = (type: string) => schemas?.find((s) => s.name === type);
  // Keys built from stored values: checked with exists() first (shown.test.ts checks that
  // every value the backend writes has one), so the loose call is safe.
  const tr = t as unknown as (key: string) => string;
  const word = (key: string, value: string) => (value && i18n.exists(key) ? tr(key) : value);
  return {
    language,
    typePlural: (type) => {
      const s = schema(type);
      return s ? labelOf(language, s) : word(`labels.targets.${type}`, type);
    },
    typeSingular: (type) => {
      const s = schema(type);
      if (s) return singularOf(language, s);
      return word(`labels.targets.${type}`, type);
    },
    value: (field, value) => word(`labels.values.${field}.${value}`, value),
    area: (area) => word(`areas.${area}`, area),
    action: (action) => word(`labels.actions.${actionKey(action)}`, action),
    code: (code) => word(`labels.codes.${code.toLowerCase()}`, code.toLowerCase()),
    dateTime: (value) => formatDateTime(value, language),
    date: (value) => formatDate(value, language),
    count: (n) => formatCount(n, language),
    number: (n) => formatNumber(n, language),
    amount: (n) => formatAmount(n, language),
  };
}

/** The words and formatters of the UI language, with the registry's type labels. */
export function useWords(): Words {
  const { t, i18n } = useTranslation();
  const schemas = useSchemas();
  return makeWords(t, i18n, schemas.data);
}
