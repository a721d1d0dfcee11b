import { Alert, Button, Group, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { toBackendError, type Challenge, type ErrorCode } from '@/lib/backend';
import { forgotPasswordApi } from '../api/authApi';

/**
 * "Glömt lösenordet?": the username, then the SMS code and a new password. The screen says
 * that secure-data access then needs re-granting, as after an administrator's reset.
 */
export function ForgotPassword({ onDone }: { onDone: (message?: string) => void }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [challenge, setChallenge] = useState<Challenge | null>(null);
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ErrorCode | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (reason) {
      setError(toBackendError(reason).code);
    } finally {
      setBusy(false);
    }
  };
  const send = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => setChallenge(await forgotPasswordApi.start(username.trim())));
  };
  const finish = (e: FormEvent) => {
    e.preventDefault();
    if (!challenge) return;
    void run(async () => {
      await forgotPasswordApi.finish(username.trim(), challenge.id, code, password);
      onDone(t('auth.forgot.done'));
    });
  };
  return (
    <Stack gap="md" data-testid="forgot-password">
      <Text fw={600}>{t('auth.forgot.title')}</Text>
      {error && (
        <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert">
          {t(`errors.${error}`, { defaultValue: t('errors.internal') })}
        </Alert>
      )}
      {!challenge ? (
        <form onSubmit={send}>
          <Stack gap="sm">
            <Text size="sm">{t('auth.forgot.intro')}</Text>
            <TextInput label={t('auth.login.username')} value={username} onChange={(e) => setUsername(e.currentTarget.value)} required autoComplete="username" />
            <Button type="submit" loading={busy}>
              {t('auth.forgot.send')}
            </Button>
          </Stack>
        </form>
      ) : (
        <form onSubmit={finish}>
          <Stack gap="sm">
            <Text size="sm">{t('auth.forgot.sent', { to: challenge.to })}</Text>
            <TextInput label={t('auth.forgot.code')} value={code} onChange={(e) => setCode(e.currentTarget.value)} required inputMode="numeric" autoComplete="one-time-code" />
            <PasswordInput label={t('auth.forgot.newPassword')} value={password} onChange={(e) => setPassword(e.currentTarget.value)} required autoComplete="new-password" />
            <Alert color="yellow" variant="light">
              {t('auth.forgot.regrant')}
            </Alert>
            <Button type="submit" loading={busy}>
              {t('auth.forgot.submit')}
            </Button>
          </Stack>
        </form>
      )}
      <Group>
        <Button variant="subtle" onClick={() => onDone()}>
          {t('auth.forgot.back')}
        </Button>
      </Group>
    </Stack>
  );
}
