import { Alert, Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { IconLock, IconShieldCheck } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SecondFactorStep, SecondFactorSwitch, useSecondFactor } from '@/components/secondFactor/SecondFactorStep';
import { ErrorAlert } from '@/components/ui/ErrorAlert';
import { ErrorCode, toBackendError } from '@/lib/backend';
import { vaultApi, type VaultUnlock } from '../api/vaultApi';

export type UnlockPurpose = 'decrypt' | 'save' | 'grant' | 'rotate';

interface Props {
  opened: boolean;
  purpose: UnlockPurpose;
  /** The form asks for a second factor and the flow is on. */
  secondFactor: boolean;
  /** The user has an authenticator app. */
  totpEnrolled: boolean;
  /** Runs the locked action; a rejection is shown in the dialog. */
  onUnlock: (unlock: VaultUnlock) => Promise<unknown>;
  onClose: () => void;
}

/** Asks for the password again (and a second factor where the form wants one). */
export function UnlockModal(props: Props) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={
        <Group gap="xs">
          <IconLock size={18} />
          <Text fw={600}>{t('vault.unlock.title')}</Text>
        </Group>
      }
      centered
    >
      {/* Mounted only while open, so nothing typed survives a close. */}
      {props.opened && <UnlockForm {...props} />}
    </Modal>
  );
}

function UnlockForm({ purpose, secondFactor, totpEnrolled, onUnlock, onClose }: Props) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [asked, setAsked] = useState(secondFactor);
  const factor = useSecondFactor(vaultApi.vaultStartChallenge);

  // The form turned out to want a second factor: ask for it rather than show an error.
  const askSecondFactor = (e: unknown) => {
    if (asked || toBackendError(e).code !== ErrorCode.SecondFactorRequired) return false;
    setAsked(true);
    factor.setCode('');
    return true;
  };
  const submit = (event: FormEvent) =>
    factor.submit(
      event,
      async () => {
        const unlock: VaultUnlock = { password, challengeId: '', code: '', totp: false };
        if (asked && factor.ready) Object.assign(unlock, factor.proof());
        await onUnlock(unlock);
        setPassword('');
        onClose();
      },
      askSecondFactor,
    );

  const canSubmit = password !== '' && (!asked || factor.code.trim() !== '');
  return (
    <form onSubmit={submit}>
      <Stack>
        <Text size="sm">{t('vault.unlock.intro', { what: t(`vault.unlock.what_${purpose}`) })}</Text>
        <PasswordInput
          label={t('vault.unlock.password')}
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          autoComplete="current-password"
          data-autofocus
          required
        />
        {asked && (
          <Alert color="blue" variant="light" icon={<IconShieldCheck />}>
            <Stack gap="xs">
              <Text size="sm">{t('vault.unlock.secondFactor')}</Text>
              <SecondFactorStep factor={factor} variant="dialog" />
              {totpEnrolled && <SecondFactorSwitch factor={factor} variant="dialog" />}
            </Stack>
          </Alert>
        )}
        {factor.error != null && <ErrorAlert error={factor.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('vault.unlock.cancel')}
          </Button>
          <Button type="submit" loading={factor.busy} disabled={!canSubmit} leftSection={<IconLock size={16} />}>
            {t('vault.unlock.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
