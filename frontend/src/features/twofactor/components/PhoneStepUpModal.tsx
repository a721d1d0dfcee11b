import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SecondFactorStep, SecondFactorSwitch, useSecondFactor } from '@/components/secondFactor/SecondFactorStep';
import { ErrorAlert } from '@/components/ui/ErrorAlert';
import { twoFactorApi } from '../api/twoFactorApi';

interface Props {
  opened: boolean;
  /** The challenge passed: save again. */
  onPassed: () => void;
  onClose: () => void;
}

/**
 * The second factor a phone-number change needs while two-factor is in use: a records
 * screen shows it when its Save fails with second_factor_required, then saves again.
 */
export function PhoneStepUpModal({ opened, onPassed, onClose }: Props) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('twofactor.phone.title')} centered>
      {opened && <PhoneStepUpForm onPassed={onPassed} onClose={onClose} />}
    </Modal>
  );
}

function PhoneStepUpForm({ onPassed, onClose }: Omit<Props, 'opened'>) {
  const { t } = useTranslation();
  const info = useQuery({ queryKey: ['twofactor', 'phone'], queryFn: twoFactorApi.phoneStepUp });
  const factor = useSecondFactor(twoFactorApi.startPhoneChallenge);

  const submit = (event: FormEvent) =>
    factor.submit(event, async () => {
      const { challengeId, code } = factor.proof();
      await twoFactorApi.passPhoneChallenge(challengeId, code);
      onPassed();
      onClose();
    });

  return (
    <form onSubmit={submit}>
      <Stack>
        <Text size="sm">{t('twofactor.phone.intro')}</Text>
        <SecondFactorStep factor={factor} variant="dialog" />
        {info.data?.totp && <SecondFactorSwitch factor={factor} variant="dialog" />}
        {factor.error != null && <ErrorAlert error={factor.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('twofactor.phone.cancel')}
          </Button>
          <Button type="submit" loading={factor.busy} disabled={!factor.ready || factor.code.trim() === ''}>
            {t('twofactor.phone.verify')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
