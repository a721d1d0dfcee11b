import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { IconMessage } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '@/components/ui/ErrorAlert';
import { type Challenge } from '@/lib/backend';
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
  const [totp, setTotp] = useState(false);
  const [challenge, setChallenge] = useState<Challenge | null>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const send = async () => {
    setError(null);
    try {
      setChallenge(await twoFactorApi.startPhoneChallenge());
    } catch (e) {
      setError(e);
    }
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    event.stopPropagation(); // the dialog may sit inside another form (React events bubble through portals)
    setBusy(true);
    setError(null);
    try {
      await twoFactorApi.passPhoneChallenge(totp ? '' : (challenge?.id ?? ''), code.trim());
      onPassed();
      onClose();
    } catch (e) {
      setError(e);
      setCode('');
    } finally {
      setBusy(false);
    }
  };

  const askCode = totp || challenge != null;
  return (
    <form onSubmit={submit}>
      <Stack>
        <Text size="sm">{t('twofactor.phone.intro')}</Text>
        {!totp && !challenge && (
          <Button variant="light" leftSection={<IconMessage size={16} />} onClick={send}>
            {t('twofactor.phone.sendCode')}
          </Button>
        )}
        {!totp && challenge && <Text size="sm">{t('twofactor.phone.codeSent', { to: challenge.to })}</Text>}
        {askCode && (
          <TextInput
            label={totp ? t('twofactor.phone.totpCode') : t('twofactor.phone.code')}
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
            inputMode="numeric"
            autoComplete="one-time-code"
            data-autofocus
          />
        )}
        {info.data?.totp && (
          <Button variant="subtle" size="compact-sm" onClick={() => setTotp(!totp)}>
            {totp ? t('twofactor.phone.useSms') : t('twofactor.phone.useTotp')}
          </Button>
        )}
        {error != null && <ErrorAlert error={error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('twofactor.phone.cancel')}
          </Button>
          <Button type="submit" loading={busy} disabled={!askCode || code.trim() === ''}>
            {t('twofactor.phone.verify')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
