import { Button, Group, NumberInput, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '@/components/ui/ErrorAlert';
import { type SessionInfo } from '@/lib/backend';
import { authApi } from '../api/authApi';
import { appStateKey } from '../api/session';

/** Settings > General: the idle-lock period (admins). */
export function GeneralSettings({ session }: { session: SessionInfo }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [minutes, setMinutes] = useState<number>(session.idleLockMinutes || 15);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await authApi.setIdleLockMinutes(minutes);
      notifications.show({ color: 'teal', message: t('auth.settings.saved') });
      void client.invalidateQueries({ queryKey: appStateKey });
    } catch (reason) {
      setError(reason);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap="lg" maw={640}>
      <div>
        <Title order={2}>{t('auth.settings.title')}</Title>
        <Text c="dimmed">{t('auth.settings.subtitle')}</Text>
      </div>
      {error !== null && <ErrorAlert error={error} />}
      <Paper withBorder radius="md" p="lg">
        <form onSubmit={submit}>
          <Group align="flex-end">
            <NumberInput
              label={t('auth.settings.idleLock')}
              description={t('auth.settings.idleLockHint')}
              min={1}
              max={1440}
              value={minutes}
              onChange={(v) => setMinutes(typeof v === 'number' ? v : Number(v) || 15)}
              w={360}
            />
            <Button type="submit" loading={busy}>
              {t('auth.settings.save')}
            </Button>
          </Group>
        </form>
      </Paper>
    </Stack>
  );
}
