import { Alert, Button, Text, TextInput } from '@mantine/core';
import { IconDeviceMobile, IconMessage } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { SecondFactor } from './useSecondFactor';

export { useSecondFactor, type SecondFactor, type SecondFactorProof } from './useSecondFactor';

interface Props {
  factor: SecondFactor;
  /**
   * 'page': the login's own screen (a full-width send button, the notice as an alert with
   * the code's lifetime, the switch elsewhere); 'dialog': a step inside a dialog.
   */
  variant: 'page' | 'dialog';
}

/**
 * The second-factor step every flow shares (the login from a new device, a phone-number
 * change, unlocking secure data): send an SMS code and say where it went, then the code field.
 * The flow around it owns the intro, the submit and the cancel.
 */
export function SecondFactorStep({ factor, variant }: Props) {
  const { t } = useTranslation();
  const page = variant === 'page';
  const sms = !factor.totp;
  return (
    <>
      {sms && !factor.challenge && (
        <Button
          variant={page ? 'filled' : 'light'}
          leftSection={<IconMessage size={16} />}
          onClick={() => void factor.send()}
          loading={factor.sending}
          fullWidth={page}
        >
          {t('secondFactor.sendCode')}
        </Button>
      )}
      {sms && factor.challenge && page && (
        <Alert color="teal" variant="light" icon={<IconMessage size={18} />} data-testid="code-sent">
          {t('secondFactor.codeSentValid', { to: factor.challenge.to })}
        </Alert>
      )}
      {sms && factor.challenge && !page && <Text size="sm">{t('secondFactor.codeSent', { to: factor.challenge.to })}</Text>}
      {factor.ready && (
        <TextInput
          label={factor.totp ? t('secondFactor.totpCode') : t('secondFactor.code')}
          value={factor.code}
          onChange={(e) => factor.setCode(e.currentTarget.value)}
          inputMode="numeric"
          autoComplete="one-time-code"
          data-autofocus
          autoFocus={page}
          required={page}
        />
      )}
    </>
  );
}

/** Switches between an SMS code and the authenticator app; only for users who have the app. */
export function SecondFactorSwitch({ factor, variant }: Props) {
  const { t } = useTranslation();
  const page = variant === 'page';
  const label = factor.totp
    ? t(page ? 'secondFactor.useSmsInstead' : 'secondFactor.useSms')
    : t(page ? 'secondFactor.useTotpInstead' : 'secondFactor.useTotp');
  return (
    <Button variant="subtle" size="compact-sm" leftSection={page ? <IconDeviceMobile size={14} /> : undefined} onClick={factor.switchFactor}>
      {label}
    </Button>
  );
}

/** Sends another SMS code (after one was sent). */
export function SecondFactorResend({ factor, disabled }: { factor: SecondFactor; disabled?: boolean }) {
  const { t } = useTranslation();
  if (factor.totp || !factor.challenge) return null;
  return (
    <Button variant="subtle" size="compact-sm" onClick={() => void factor.send()} disabled={disabled || factor.sending}>
      {t('secondFactor.resend')}
    </Button>
  );
}
