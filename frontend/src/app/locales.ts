// Every string of the UI, in Swedish and English: the shared ones (src/lib/i18n) and each
// feature's own locales.ts (exporting sv and en), nested under the feature's name so its
// keys read t('vault.title'). A feature with strings adds one line to each table below;
// src/app/__tests__/locales.test.ts fails on a key missing in either language.
import { en as coreEn } from '@/lib/i18n/en';
import { sv as coreSv, type Widen } from '@/lib/i18n/sv';
import { en as labelsEn, sv as labelsSv } from '@/lib/i18n/labels';
import { en as authEn, sv as authSv } from '@/features/auth/locales';
import { en as logsEn, sv as logsSv } from '@/features/logs/locales';
import { en as recordsEn, sv as recordsSv } from '@/features/records/locales';
import { en as smsEn, sv as smsSv } from '@/features/sms/locales';
import { en as usersEn, sv as usersSv } from '@/features/users/locales';
import { en as twofactorEn, sv as twofactorSv } from '@/features/twofactor/locales';
import { en as vaultEn, sv as vaultSv } from '@/features/vault/locales';
import { en as retentionEn, sv as retentionSv } from '@/features/retention/locales';
import { en as searchEn, sv as searchSv } from '@/features/search/locales';
import { en as portalEn, sv as portalSv } from '@/features/portal/locales';

export const sv = {
  ...coreSv,
  labels: labelsSv,
  vault: vaultSv,
  twofactor: twofactorSv,
  sms: smsSv,
  auth: authSv,
  records: recordsSv,
  users: usersSv,
  logs: logsSv,
  retention: retentionSv,
  search: searchSv,
  portal: portalSv,
} as const;

export const en: Widen<typeof sv> = {
  ...coreEn,
  labels: labelsEn,
  vault: vaultEn,
  twofactor: twofactorEn,
  sms: smsEn,
  auth: authEn,
  records: recordsEn,
  users: usersEn,
  logs: logsEn,
  retention: retentionEn,
  search: searchEn,
  portal: portalEn,
};

export const translations = { sv, en };
