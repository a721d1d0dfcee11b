// Formatting for the screen: dates and times in the user's language and local time zone,
// numbers and amounts in the language's way of writing them. What is stored and exported
// stays RFC 3339 (UTC); only what is shown goes through here.

import { localeOf } from './i18n/pick';

export { localeOf };

/** Formats a count the way the UI language writes numbers (1 234 in Swedish, 1,234 in English). */
export function formatCount(n: number, language: string): string {
  return new Intl.NumberFormat(localeOf(language)).format(n);
}

/** A number with up to two decimals (12 126,5 in Swedish, 12,126.5 in English). */
export function formatNumber(n: number, language: string): string {
  return new Intl.NumberFormat(localeOf(language), { maximumFractionDigits: 2 }).format(n);
}

/** An amount in Swedish kronor: 12 126 kr, 12 126,50 kr; SEK 12,126 in English. */
export function formatAmount(n: number, language: string): string {
  const whole = Number.isInteger(n);
  return new Intl.NumberFormat(localeOf(language), {
    style: 'currency',
    currency: 'SEK',
    minimumFractionDigits: whole ? 0 : 2,
    maximumFractionDigits: 2,
  }).format(n);
}

const dateOnly = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Whether a stored time is a date alone: "2022-07-15", or midnight UTC exactly (how the
 * registry stores a date without a time). Such a value is shown as a date, in UTC, so that it
 * never moves to the day before west of Greenwich.
 */
export function isDateOnly(value: string): boolean {
  return dateOnly.test(value) || /^\d{4}-\d{2}-\d{2}T00:00(:00(\.0+)?)?(Z|[+-]00:?00)$/.test(value);
}

function parse(value: string): Date | null {
  if (!value) return null;
  const d = new Date(dateOnly.test(value) ? `${value}T00:00:00Z` : value);
  return Number.isNaN(d.getTime()) ? null : d;
}

export interface TimeOptions {
  /** The zone to show the time in; default: the computer's. */
  timeZone?: string;
}

/** A date: "15 juli 2022" in Swedish, "15 Jul 2022" in English. */
export function formatDate(value: string, language: string, options: TimeOptions = {}): string {
  const d = parse(value);
  if (!d) return value;
  const timeZone = isDateOnly(value) ? 'UTC' : options.timeZone;
  return new Intl.DateTimeFormat(localeOf(language), { dateStyle: 'medium', timeZone }).format(d);
}

/**
 * A date and time in the local zone: "15 juli 2022 07:43" in Swedish, "15 Jul 2022, 07:43" in
 * English. A date alone stays a date. Text that is not a time is returned as it is.
 */
export function formatDateTime(value: string, language: string, options: TimeOptions = {}): string {
  const d = parse(value);
  if (!d) return value;
  if (isDateOnly(value)) return formatDate(value, language);
  return new Intl.DateTimeFormat(localeOf(language), { dateStyle: 'medium', timeStyle: 'short', timeZone: options.timeZone }).format(d);
}

/**
 * An instant as a date and a time in the local zone, whatever the hour (a run or a token made
 * at midnight UTC is still shown with its time); "" for none.
 */
export function formatInstant(value: string, language: string, options: TimeOptions = {}): string {
  const d = parse(value);
  if (!d) return value;
  return new Intl.DateTimeFormat(localeOf(language), { dateStyle: 'medium', timeStyle: 'short', timeZone: options.timeZone }).format(d);
}

/** A time of day alone: "07:43". */
export function formatTime(value: string, language: string, options: TimeOptions = {}): string {
  const d = parse(value);
  if (!d) return value;
  return new Intl.DateTimeFormat(localeOf(language), { timeStyle: 'short', timeZone: options.timeZone }).format(d);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * The value of an <input type="datetime-local"> for a stored time: the local wall-clock time
 * ("2022-07-15T07:43"); "" for no or unreadable value.
 */
export function toLocalInput(value: string): string {
  const d = parse(value);
  if (!d) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The stored RFC 3339 UTC time for an <input type="datetime-local"> value (local time); "" for none. */
export function fromLocalInput(value: string): string {
  if (!value) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!m) return value;
  const [, y, mo, d, h, mi, s] = m;
  const local = new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0));
  return local.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The value of an <input type="date"> for a stored date ("2022-07-15"); "" for none. */
export function toDateInput(value: string): string {
  const d = parse(value);
  if (!d) return '';
  if (isDateOnly(value)) return d.toISOString().slice(0, 10);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The stored value for an <input type="date">: midnight UTC of that day, RFC 3339. */
export function fromDateInput(value: string): string {
  if (!value) return '';
  return dateOnly.test(value) ? `${value}T00:00:00Z` : value;
}

/**
 * The start and the end of a period of local days, as RFC 3339 UTC instants for a filter: from
 * the start of `from` to the end of `to` (either may be "").
 */
export function dayRange(from: string, to: string): { since: string; until: string } {
  const start = (day: string, add: number) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
    if (!m) return '';
    return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + add).toISOString().replace(/\.\d{3}Z$/, 'Z');
  };
  return { since: start(from, 0), until: start(to, 1) };
}
