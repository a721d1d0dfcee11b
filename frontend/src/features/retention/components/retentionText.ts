import type { RetentionPolicy, RetentionRun } from '../api/retentionApi';
import { formatCount } from '@/lib/format';
import { pick } from '@/lib/i18n/pick';

/**
 * A translate function without the typed keys: passing react-i18next's fully typed `t` as a
 * parameter makes TypeScript instantiate every key of the app (TS2589) once there are many.
 */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

export function runSummary(t: Translate, run: RetentionRun, lang: string): string {
  if (run.cancelled) return t('retention.scheduler.cancelled');
  if (run.error) return t('retention.scheduler.failed');
  if (run.total === 0) return t('retention.history.nothing');
  return t('retention.scheduler.total', { count: run.total, formatted: formatCount(run.total, lang) });
}

export function clockText(t: Translate, p: RetentionPolicy, lang: string): string {
  const sep = p.clockMode === 'first_set' ? t('retention.table.else') : t('retention.table.or');
  return p.clock.map((c) => pick(lang, c.labelSv, c.labelEn).toLowerCase()).join(sep);
}
