import { describe, expect, it } from 'vitest';
import {
  dayRange,
  formatAmount,
  formatCount,
  formatDate,
  formatDateTime,
  formatInstant,
  formatNumber,
  fromDateInput,
  fromLocalInput,
  isDateOnly,
  toDateInput,
  toLocalInput,
} from '../format';

// Intl puts a narrow no-break space or a no-break space between groups; compare on plain spaces.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('numbers', () => {
  it('group thousands the way each language does', () => {
    expect(plain(formatCount(1234567, 'sv'))).toBe('1 234 567');
    expect(formatCount(1234567, 'en')).toBe('1,234,567');
    expect(formatCount(0, 'sv')).toBe('0');
  });

  it('write decimals with a comma in Swedish, a point in English', () => {
    expect(plain(formatNumber(12126.5, 'sv'))).toBe('12 126,5');
    expect(formatNumber(12126.5, 'en')).toBe('12,126.5');
    expect(formatNumber(7.456, 'en')).toBe('7.46');
  });

  it('write amounts in kronor, without öre when there are none', () => {
    expect(plain(formatAmount(12126, 'sv'))).toBe('12 126 kr');
    expect(plain(formatAmount(12126.5, 'sv'))).toBe('12 126,50 kr');
    expect(plain(formatAmount(12126, 'en'))).toBe('SEK 12,126');
  });
});

describe('dates and times', () => {
  it('show a time in the given zone and language, never as ISO text', () => {
    const at = '2022-07-15T05:43:10Z';
    expect(formatDateTime(at, 'sv', { timeZone: 'Europe/Stockholm' })).toBe('15 juli 2022 07:43');
    expect(formatDateTime(at, 'en', { timeZone: 'Europe/Stockholm' })).toBe('15 Jul 2022, 07:43');
    // Winter time: one hour, not two.
    expect(formatDateTime('2022-01-15T05:43:10Z', 'sv', { timeZone: 'Europe/Stockholm' })).toBe('15 jan. 2022 06:43');
    for (const lang of ['sv', 'en']) expect(formatDateTime(at, lang)).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
  });

  it('move a late UTC time to the next local day', () => {
    expect(formatDate('2022-12-31T23:30:00Z', 'sv', { timeZone: 'Europe/Stockholm' })).toBe('1 jan. 2023');
  });

  it('keep a date alone on its day in every zone', () => {
    expect(isDateOnly('2022-07-15')).toBe(true);
    expect(isDateOnly('2022-07-15T00:00:00Z')).toBe(true);
    expect(isDateOnly('2022-07-15T05:43:10Z')).toBe(false);
    expect(formatDateTime('2022-07-15', 'sv', { timeZone: 'America/Los_Angeles' })).toBe('15 juli 2022');
    expect(formatDateTime('2022-07-15T00:00:00Z', 'en', { timeZone: 'America/Los_Angeles' })).toBe('15 Jul 2022');
  });

  it('show an instant with its time even at midnight UTC (a run, a token)', () => {
    expect(formatInstant('2022-07-15T00:00:00Z', 'sv', { timeZone: 'UTC' })).toBe('15 juli 2022 00:00');
    expect(formatInstant('2022-07-15T05:43:10Z', 'en', { timeZone: 'Europe/Stockholm' })).toBe('15 Jul 2022, 07:43');
    expect(formatInstant('', 'sv')).toBe('');
  });

  it('return text that is not a time unchanged', () => {
    expect(formatDateTime('', 'sv')).toBe('');
    expect(formatDateTime('soon', 'sv')).toBe('soon');
  });
});

describe('date and time pickers', () => {
  it('round-trip a stored UTC time through the local datetime input', () => {
    const stored = '2026-03-01T09:30:00Z';
    const input = toLocalInput(stored);
    expect(input).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    expect(fromLocalInput(input)).toBe(stored);
  });

  it('store what the user picked as RFC 3339 UTC', () => {
    const stored = fromLocalInput('2026-03-01T09:30');
    expect(stored).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(new Date(stored).getHours()).toBe(9); // 09:30 local, whatever the zone
    expect(fromLocalInput('')).toBe('');
    expect(toLocalInput('')).toBe('');
  });

  it('store a picked date as midnight UTC and show it back on the same day', () => {
    expect(fromDateInput('2026-03-01')).toBe('2026-03-01T00:00:00Z');
    expect(toDateInput('2026-03-01T00:00:00Z')).toBe('2026-03-01');
    expect(toDateInput('2026-03-01')).toBe('2026-03-01');
    expect(fromDateInput('')).toBe('');
  });

  it('turn a period of local days into instants covering the whole last day', () => {
    const { since, until } = dayRange('2026-03-01', '2026-03-02');
    expect(new Date(until).getTime() - new Date(since).getTime()).toBe(2 * 24 * 3600 * 1000);
    expect(new Date(since).getHours()).toBe(0);
    expect(dayRange('', '')).toEqual({ since: '', until: '' });
  });
});
