import { Alert, Badge, Button, Group, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconEye, IconPlayerPlay, IconPlayerStop } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorCode, toBackendError } from '@/lib/backend';
import { retentionApi, type RetentionRun } from '../api/retentionApi';
import { errorMessage } from '@/lib/errorMessage';
import { formatCount, formatInstant } from '@/lib/format';
import { pick } from '@/lib/i18n/pick';
import { usePreview, useRetentionProgress, useRunNow } from '../api/useRetention';
import { PreviewModal } from './PreviewModal';
import { runSummary, type Translate } from './retentionText';

/** The anonymisation runs: the last and the next, a preview, run now (or stop), and the progress. */
export function SchedulerCard({ running, lastRun, nextRun }: { running: boolean; lastRun?: RetentionRun | null; nextRun: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const progress = useRetentionProgress();
  const preview = usePreview();
  const runNow = useRunNow();
  const [previewOpen, setPreviewOpen] = useState(false);
  const busy = running || runNow.isPending || progress !== null;

  async function openPreview() {
    try {
      await preview.mutateAsync();
      setPreviewOpen(true);
    } catch (err) {
      notifications.show({ color: 'red', title: t('errors.title'), message: errorMessage(t, err) });
    }
  }

  async function run() {
    try {
      const result = await runNow.mutateAsync();
      notifications.show({ color: 'teal', title: t('retention.scheduler.doneTitle'), message: runSummary(t as Translate, result, lang) });
    } catch (err) {
      const code = toBackendError(err).code;
      if (code === ErrorCode.Cancelled) {
        notifications.show({ color: 'gray', message: t('retention.scheduler.cancelled') });
      } else if (code === ErrorCode.Busy) {
        notifications.show({ color: 'yellow', message: t('retention.scheduler.busy') });
      } else {
        notifications.show({ color: 'red', title: t('errors.title'), message: errorMessage(t, err) });
      }
    }
  }

  const percent = progress && progress.due > 0 ? Math.min(100, Math.round((progress.done / progress.due) * 100)) : 0;
  const progressLabel = progress
    ? t('retention.scheduler.progress', {
        type: pick(lang, progress.labelSv, progress.labelEn),
        done: formatCount(progress.done, lang),
        due: formatCount(progress.due, lang),
      })
    : t('retention.scheduler.progressStarting');

  return (
    <Paper withBorder radius="md" p="lg">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="md">
        <Stack gap={6}>
          <Group gap="xs">
            <Title order={3} size="h5">
              {t('retention.scheduler.title')}
            </Title>
            <Badge color={busy ? 'blue' : 'gray'} variant="light" data-testid="scheduler-state">
              {busy ? t('retention.scheduler.running') : t('retention.scheduler.idle')}
            </Badge>
          </Group>
          <Group gap="xl">
            <div>
              <Text size="xs" c="dimmed">
                {t('retention.scheduler.lastRun')}
              </Text>
              <Text size="sm" data-testid="last-run">
                {lastRun
                  ? `${formatInstant(lastRun.startedAt, lang)} (${t(`retention.trigger.${lastRun.trigger as 'manual'}`, { defaultValue: lastRun.trigger })}) · ${runSummary(t as Translate, lastRun, lang)}`
                  : t('retention.scheduler.never')}
              </Text>
            </div>
            <div>
              <Text size="xs" c="dimmed">
                {t('retention.scheduler.nextRun')}
              </Text>
              <Text size="sm" data-testid="next-run">
                {nextRun ? formatInstant(nextRun, lang) : t('retention.scheduler.notScheduled')}
              </Text>
            </div>
          </Group>
        </Stack>
        <Group gap="sm">
          <Button variant="default" leftSection={<IconEye size={16} />} loading={preview.isPending} onClick={openPreview}>
            {t('retention.scheduler.preview')}
          </Button>
          {runNow.isPending ? (
            <Button
              variant="light"
              color="red"
              leftSection={<IconPlayerStop size={16} />}
              onClick={() => void retentionApi.cancelRetention()}
            >
              {t('retention.scheduler.cancel')}
            </Button>
          ) : (
            <Button leftSection={<IconPlayerPlay size={16} />} disabled={busy} onClick={run}>
              {t('retention.scheduler.runNow')}
            </Button>
          )}
        </Group>
      </Group>
      {busy && (
        <Stack gap={4} mt="md" aria-live="polite">
          <Progress value={progress ? percent : 100} animated striped={!progress} aria-label={progressLabel} />
          <Text size="xs" c="dimmed">
            {progressLabel}
          </Text>
        </Stack>
      )}
      {lastRun?.error && !lastRun.cancelled && (
        <Alert color="red" variant="light" mt="md" title={t('retention.scheduler.failed')}>
          {lastRun.error}
        </Alert>
      )}
      <PreviewModal opened={previewOpen} onClose={() => setPreviewOpen(false)} run={preview.data ?? null} />
    </Paper>
  );
}
