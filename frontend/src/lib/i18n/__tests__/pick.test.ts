import { describe, expect, it } from 'vitest';
import { labelOf, localeOf, pick, singularOf } from '../pick';

describe('the language mapping', () => {
  it('maps the UI language to its Intl locale, Swedish for anything else', () => {
    expect(localeOf('sv')).toBe('sv-SE');
    expect(localeOf('en')).toBe('en-GB');
    expect(localeOf('de')).toBe('sv-SE');
  });

  it('picks the language of a pair, and the Swedish where the English is missing', () => {
    expect(pick('sv', 'Kund', 'Customer')).toBe('Kund');
    expect(pick('en', 'Kund', 'Customer')).toBe('Customer');
    expect(pick('en', 'Kund', '')).toBe('Kund');
    expect(pick('sv', '', 'Customer')).toBe('');
  });

  it('labels a type by its plural and one record by its singular, else the plural', () => {
    const customer = { labelSv: 'Kunder', labelEn: 'Customers', singularSv: 'Kund', singularEn: 'Customer' };
    expect(labelOf('sv', customer)).toBe('Kunder');
    expect(labelOf('en', customer)).toBe('Customers');
    expect(singularOf('sv', customer)).toBe('Kund');
    expect(singularOf('en', customer)).toBe('Customer');
    expect(singularOf('en', { ...customer, singularEn: '' })).toBe('Customers');
    expect(singularOf('en', { labelSv: 'Loggar', labelEn: '', singularSv: '', singularEn: '' })).toBe('Loggar');
  });
});
