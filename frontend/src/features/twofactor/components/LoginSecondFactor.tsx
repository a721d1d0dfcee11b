import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { IconShieldCheck } from '@tabler/icons-react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SecondFactorResend, SecondFactorStep, SecondFactorSwitch, useSecondFactor } from '@/components/secondFactor/SecondFactorStep';
import { ErrorAlert } from '@/components/ui/ErrorAlert';
import type { SessionInfo } from '@/lib/backend';
import { twoFactorApi } from '../api/twoFactorApi';

interface Props {
  /** The second factor passed: the session has started. */
  onPassed: (session: SessionInfo) => void;
  /** Back to the username and password. */
  onCancel: () => void;
}

/**
 * The login's second step on a device that is not trusted (the login failed with
 * second_factor_required): an SMS code, or a code from the authenticator app.
 */
export function LoginSecondFactor({ onPassed, onCancel }: Props) {
  const { t } = useTranslation();
  const info = useQuery({ queryKey: ['twofactor', 'login'], queryFn: twoFactorApi.loginSecondFactor });
  const factor = useSecondFactor(twoFactorApi.startLoginChallenge);
  const busy = factor.busy;

  const verify = (event: FormEvent) =>
    factor.submit(event, async () => {
      const { challengeId, code, totp } = factor.proof();
      onPassed(totp ? await twoFactorApi.verifyLoginTotp(code) : await twoFactorApi.verifyLoginCode(challengeId, code));
    });

  const cancel = () => {
    void twoFactorApi.cancelLoginChallenge().finally(onCancel);
  };

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
        <SecondFactorStep factor={factor} variant="page" />
        {factor.error != null && <ErrorAlert error={factor.error} />}
        {factor.ready && (
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
            <SecondFactorResend factor={factor} disabled={busy} />
            {info.data?.totp && <SecondFactorSwitch factor={factor} variant="page" />}
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
