import type { TFunction } from 'i18next';
import { toBackendError } from './backend';

const noPhonePlaces = ['customer_card', 'customer_card_contact', 'settings_users'] as const;

/** The translated message for a failed backend call; codes, never English text, choose it. */
export function errorMessage(t: TFunction, reason: unknown): string {
  const err = toBackendError(reason);
  const text = t(`errors.${err.code}`);
  // No phone number: also say where an administrator adds one.
  const place = noPhonePlaces.find((p) => p === err.where);
  if (err.code === 'no_phone' && place) return `${text} ${t(`noPhoneWhere.${place}`)}`;
  return text;
}
