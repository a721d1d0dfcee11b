/** Formats a count the way the UI language writes numbers (1 234 in Swedish, 1,234 in English). */
export function formatCount(n: number, language: string): string {
  return new Intl.NumberFormat(language === 'sv' ? 'sv-SE' : 'en-GB').format(n);
}
