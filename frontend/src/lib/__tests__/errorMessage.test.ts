import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { errorMessage } from '../errorMessage';
import { en } from '../i18n/en';
import { sv } from '../i18n/sv';

async function translator(lng: 'sv' | 'en') {
  const i = i18next.createInstance();
  await i.init({ lng, resources: { sv: { translation: sv }, en: { translation: en } } });
  return i.t;
}

describe('errorMessage', () => {
  it('says where an administrator adds a missing phone number', async () => {
    const t = await translator('en');
    const msg = errorMessage(t, new Error('{"code":"no_phone","message":"x","where":"customer_card_contact"}'));
    expect(msg).toBe('No phone number is registered. Contact your administrator. An administrator adds it on the customer card, under the contact person.');
    const sv = await translator('sv');
    expect(errorMessage(sv, { code: 'no_phone', message: 'x', where: 'settings_users' })).toContain('Inställningar > Användare');
  });

  it('translates by code alone when there is nothing more to say', async () => {
    const t = await translator('en');
    expect(errorMessage(t, { code: 'no_phone', message: 'x' })).toBe('No phone number is registered. Contact your administrator.');
  });
});
