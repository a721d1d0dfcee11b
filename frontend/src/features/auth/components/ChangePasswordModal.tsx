import { Alert, Button, Group, Modal, PasswordInput, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { authApi } from '../api/authApi';
import { errorMessage } from '@/lib/errorMessage';

/** Changes the logged-in user's own password. */
export function ChangePasswordModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const close = () => {
    setCurrent('');
    setNext('');
    setConfirm('');
    setError(null);
    onClose();
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (next !== confirm) {
      setError(t('auth.firstRun.mismatch'));
      return;
    }
    setBusy(true);
    try {
      await authApi.changeOwnPassword(current, next);
      notifications.show({ color: 'teal', message: t('auth.changePassword.done') });
      close();
    } catch (reason) {
      setError(errorMessage(t, reason));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={opened} onClose={close} title={t('auth.changePassword.title')}>
      <form onSubmit={submit}>
        <Stack gap="sm">
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <PasswordInput label={t('auth.changePassword.current')} autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.currentTarget.value)} required data-autofocus />
          <PasswordInput
            label={t('auth.changePassword.next')}
            description={t('auth.firstRun.passwordHint')}
            autoComplete="new-password"
            value={next}
            onChange={(e) => setNext(e.currentTarget.value)}
            required
          />
          <PasswordInput label={t('auth.changePassword.confirm')} autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.currentTarget.value)} required />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('auth.changePassword.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('auth.changePassword.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
