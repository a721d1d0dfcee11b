import { Alert, Button, Group, Modal, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { IconLock, IconMessage, IconShieldCheck } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '@/components/ui/ErrorAlert';
import { ErrorCode, toBackendError, type Challenge } from '@/lib/backend';
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
  const [useTotp, setUseTotp] = useState(false);
  const [challenge, setChallenge] = useState<Challenge | null>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const sendCode = async () => {
    setError(null);
    try {
      setChallenge(await vaultApi.vaultStartChallenge());
    } catch (e) {
      setError(e);
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    event.stopPropagation(); // the dialog may sit inside another form (React events bubble through portals)
    setBusy(true);
    setError(null);
    const unlock: VaultUnlock = { password, challengeId: '', code: '', totp: false };
    if (asked && useTotp) Object.assign(unlock, { code, totp: true });
    else if (asked && challenge) Object.assign(unlock, { code, challengeId: challenge.id });
    try {
      await onUnlock(unlock);
      setPassword('');
      onClose();
    } catch (e) {
      if (toBackendError(e).code === ErrorCode.SecondFactorRequired && !asked) setAsked(true);
      else setError(e);
      setCode('');
    } finally {
      setBusy(false);
    }
  };

  const canSubmit = password !== '' && (!asked || code.trim() !== '');
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
              {useTotp ? (
                <TextInput
                  label={t('vault.unlock.totpCode')}
                  value={code}
                  onChange={(e) => setCode(e.currentTarget.value)}
                  inputMode="numeric"
                  autoComplete="one-time-code"
                />
              ) : challenge ? (
                <>
                  <Text size="sm">{t('vault.unlock.codeSent', { to: challenge.to })}</Text>
                  <TextInput
                    label={t('vault.unlock.code')}
                    value={code}
                    onChange={(e) => setCode(e.currentTarget.value)}
                    inputMode="numeric"
                    autoComplete="one-time-code"
                  />
                </>
              ) : (
                <Button variant="light" leftSection={<IconMessage size={16} />} onClick={sendCode}>
                  {t('vault.unlock.sendCode')}
                </Button>
              )}
              {totpEnrolled && (
                <Button
                  variant="subtle"
                  size="compact-sm"
                  onClick={() => {
                    setUseTotp(!useTotp);
                    setCode('');
                  }}
                >
                  {useTotp ? t('vault.unlock.useSms') : t('vault.unlock.useTotp')}
                </Button>
              )}
            </Stack>
          </Alert>
        )}
        {error != null && <ErrorAlert error={error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('vault.unlock.cancel')}
          </Button>
          <Button type="submit" loading={busy} disabled={!canSubmit} leftSection={<IconLock size={16} />}>
            {t('vault.unlock.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
