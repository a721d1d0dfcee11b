import type { TFunction } from 'i18next';
import { toBackendError } from './backend';

/** The translated message for a failed backend call; codes, never English text, choose it. */
export function errorMessage(t: TFunction, reason: unknown): string {
  const err = toBackendError(reason);
  return t(`errors.${err.code}`);
}
