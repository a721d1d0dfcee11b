import { Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '@/components/ui/ErrorAlert';
import { useRetentionOverview } from '../api/useRetention';
import { SchedulerTokenCard } from './SchedulerTokenCard';
import { SchedulerCard } from './SchedulerCard';
import { PolicyTable } from './PolicyTable';
import { HistoryTable } from './HistoryTable';

/** Settings > GDPR > Anonymisation: the policies, the scheduler, a preview and the history. */
export function RetentionSettings() {
  const { t } = useTranslation();
  const overview = useRetentionOverview();

  if (overview.isPending) {
    return (
      <Group gap="xs">
        <Loader size="sm" />
        <Text c="dimmed">{t('retention.loading')}</Text>
      </Group>
    );
  }
  if (overview.isError) return <ErrorAlert error={overview.error} />;
  const data = overview.data;
  return (
    <Stack gap="lg" maw={1180}>
      <div>
        <Title order={2}>{t('retention.title')}</Title>
        <Text c="dimmed" size="sm" mt={4}>
          {t('retention.subtitle')}
        </Text>
      </div>
      <SchedulerCard running={data.running} lastRun={data.lastRun} nextRun={data.nextRun} />
      <PolicyTable policies={data.policies} />
      <SchedulerTokenCard />
      <HistoryTable runs={data.history} />
    </Stack>
  );
}
