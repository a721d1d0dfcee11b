import { Alert, Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { IconDeviceMobile, IconMessage, IconShieldCheck } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '@/components/ui/ErrorAlert';
import { type Challenge, type SessionInfo } from '@/lib/backend';
import { twoFactorApi } from '../api/twoFactorApi';

interface Props {
  /** The second factor passed: the session has started. */
  onPassed: (session: SessionInfo) => void;
  /** Back to the username and password. */
  onCancel: () => void;
}

/**
 * The login's second step on a device that is not trusted (twoFactorApi.login failed with
 * second_factor_required): an SMS code, or a code from the authenticator app.
 */
export function LoginSecondFactor({ onPassed, onCancel }: Props) {
  const { t } = useTranslation();
  const info = useQuery({ queryKey: ['twofactor', 'login'], queryFn: twoFactorApi.loginSecondFactor });
  const [totp, setTotp] = useState(false);
  const [challenge, setChallenge] = useState<Challenge | null>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const send = async () => {
    setError(null);
    setBusy(true);
    try {
      setChallenge(await twoFactorApi.startLoginChallenge());
      setCode('');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const verify = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const session = totp ? await twoFactorApi.verifyLoginTotp(code.trim()) : await twoFactorApi.verifyLoginCode(challenge?.id ?? '', code.trim());
      onPassed(session);
    } catch (e) {
      setError(e);
      setCode('');
    } finally {
      setBusy(false);
    }
  };

  const cancel = () => {
    void twoFactorApi.cancelLoginChallenge().finally(onCancel);
  };

  const askCode = totp || challenge != null;
  return (
    <form onSubmit={verify} data-testid="second-factor-form">
      <Stack gap="md">
        <Group gap="xs">
          <IconShieldCheck size={22} color="var(--mantine-color-teal-6)" />
          <Title order={3}>{t('twofactor.login.title')}</Title>
        </Group>
        <Text size="sm" c="dimmed">
          {t('twofactor.login.intro')}
        </Text>
        {info.error != null && <ErrorAlert error={info.error} />}
        {!totp && challenge && (
          <Alert color="teal" variant="light" icon={<IconMessage size={18} />} data-testid="code-sent">
            {t('twofactor.login.codeSent', { to: challenge.to })}
          </Alert>
        )}
        {!totp && !challenge && (
          <Button leftSection={<IconMessage size={16} />} onClick={send} loading={busy} fullWidth>
            {t('twofactor.login.sendCode')}
          </Button>
        )}
        {askCode && (
          <TextInput
            label={totp ? t('twofactor.login.totpCode') : t('twofactor.login.code')}
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
            inputMode="numeric"
            autoComplete="one-time-code"
            data-autofocus
            autoFocus
            required
          />
        )}
        {error != null && <ErrorAlert error={error} />}
        {askCode && (
          <Button type="submit" loading={busy} fullWidth>
            {t('twofactor.login.verify')}
          </Button>
        )}
        <Text size="xs" c="dimmed">
          {t('twofactor.login.remember')}
        </Text>
        <Group justify="space-between">
          <Button variant="subtle" size="compact-sm" onClick={cancel}>
            {t('twofactor.login.cancel')}
          </Button>
          <Group gap="xs">
            {!totp && challenge && (
              <Button variant="subtle" size="compact-sm" onClick={send} disabled={busy}>
                {t('twofactor.login.resend')}
              </Button>
            )}
            {info.data?.totp && (
              <Button
                variant="subtle"
                size="compact-sm"
                leftSection={<IconDeviceMobile size={14} />}
                onClick={() => {
                  setTotp(!totp);
                  setCode('');
                  setError(null);
                }}
              >
                {totp ? t('twofactor.login.useSms') : t('twofactor.login.useTotp')}
              </Button>
            )}
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
