import { Button, Code, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { IconKey, IconKeyOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '@/components/ui/ErrorAlert';
import { ErrorCode, toBackendError } from '@/lib/backend';
import { schedulerApi } from '../api/retentionApi';
import { errorMessage } from '@/lib/errorMessage';
import { formatInstant } from '@/lib/format';

const tokenKey = ['retention', 'schedulerToken'] as const;

/**
 * The scheduler token (admins): create, replace or revoke the token a Task Scheduler, launchd
 * or cron job uses for `dataskydd --scheduler anonymise`. The token never reaches the screen;
 * the backend puts it in the OS keyring. Shows nothing to those who may not manage it.
 */
export function SchedulerTokenCard() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const token = useQuery({ queryKey: tokenKey, queryFn: schedulerApi.schedulerToken, retry: false });
  const onError = (err: unknown) => notifications.show({ color: 'red', message: errorMessage(t, err) });
  const create = useMutation({
    mutationFn: schedulerApi.createSchedulerToken,
    onSuccess: (info) => {
      client.setQueryData(tokenKey, info);
      notifications.show({ color: 'teal', message: t('retention.schedulerToken.createdDone') });
    },
    onError,
  });
  const revoke = useMutation({
    mutationFn: schedulerApi.revokeSchedulerToken,
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: tokenKey });
      notifications.show({ color: 'teal', message: t('retention.schedulerToken.revokedDone') });
    },
    onError,
  });

  if (token.isPending) return null;
  if (token.isError) {
    const code = toBackendError(token.error).code;
    if (code === ErrorCode.Forbidden || code === ErrorCode.Unauthenticated) return null;
    return <ErrorAlert error={token.error} />;
  }
  const info = token.data;
  return (
    <Paper withBorder radius="md" p="lg" data-testid="scheduler-token">
      <Stack gap="sm">
        <Title order={4}>{t('retention.schedulerToken.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('retention.schedulerToken.text')}
        </Text>
        <Text size="sm" data-testid="scheduler-token-state">
          {info.exists
            ? t('retention.schedulerToken.created', { at: formatInstant(info.createdAt, i18n.language), by: info.createdBy })
            : t('retention.schedulerToken.none')}
        </Text>
        <div>
          <Text size="sm" fw={500}>
            {t('retention.schedulerToken.command')}
          </Text>
          <Code block>{info.command}</Code>
        </div>
        <Group>
          <Button leftSection={<IconKey size={16} />} loading={create.isPending} onClick={() => create.mutate()}>
            {info.exists ? t('retention.schedulerToken.replace') : t('retention.schedulerToken.create')}
          </Button>
          {info.exists && (
            <Button variant="default" color="red" leftSection={<IconKeyOff size={16} />} loading={revoke.isPending} onClick={() => revoke.mutate()}>
              {t('retention.schedulerToken.revoke')}
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
