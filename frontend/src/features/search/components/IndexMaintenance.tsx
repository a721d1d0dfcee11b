import { Alert, Button, Group, List, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDatabaseSearch, IconRefresh } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EventName, onEvent } from '@/lib/backend';
import { searchApi, type IndexCheck, type IndexProgress } from '../api/searchApi';
import { errorMessage } from '@/lib/errorMessage';
import { formatCount } from '@/lib/format';

/** The search index: check it against the database, or rebuild it with a progress bar. */
export function IndexMaintenance() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const client = useQueryClient();
  const [progress, setProgress] = useState<IndexProgress | null>(null);
  const [result, setResult] = useState<IndexCheck | null>(null);
  useEffect(() => onEvent(EventName.IndexProgress, (p) => setProgress(p.finished ? null : p)), []);
  const check = useMutation({ mutationFn: () => searchApi.checkIndex() });
  const rebuild = useMutation({
    mutationFn: () => searchApi.rebuildIndex(),
    onSettled: () => {
      setProgress(null);
      return client.invalidateQueries({ queryKey: ['search'] });
    },
  });

  async function run(m: typeof check, done?: string) {
    try {
      setResult(await m.mutateAsync());
      if (done) notifications.show({ color: 'teal', message: done });
    } catch (err) {
      notifications.show({ color: 'red', title: t('errors.title'), message: errorMessage(t, err) });
    }
  }

  const busy = check.isPending || rebuild.isPending;
  const percent = progress && progress.total > 0 ? Math.min(100, Math.round((progress.done / progress.total) * 100)) : 0;
  return (
    <Paper withBorder radius="md" p="lg">
      <Group justify="space-between" align="flex-start" gap="md">
        <Stack gap={4} maw={640}>
          <Title order={3} size="h5">
            {t('search.index.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('search.index.hint')}
          </Text>
        </Stack>
        <Group gap="sm">
          <Button
            variant="default"
            leftSection={<IconDatabaseSearch size={16} />}
            loading={check.isPending}
            disabled={busy}
            onClick={() => void run(check)}
          >
            {t('search.index.check')}
          </Button>
          <Button
            variant="default"
            leftSection={<IconRefresh size={16} />}
            loading={rebuild.isPending}
            disabled={busy}
            onClick={() => void run(rebuild, t('search.index.rebuilt'))}
          >
            {t('search.index.rebuild')}
          </Button>
        </Group>
      </Group>
      {rebuild.isPending && progress && (
        <Stack gap={4} mt="md" aria-live="polite">
          <Progress value={percent} animated aria-label={t('search.index.title')} />
          <Text size="xs" c="dimmed">
            {t('search.index.progress', { done: formatCount(progress.done, lang), total: formatCount(progress.total, lang) })}
          </Text>
        </Stack>
      )}
      {result && !busy && (
        <Alert mt="md" variant="light" color={result.ok ? 'teal' : 'red'} data-testid="index-check">
          {result.ok ? (
            t('search.index.ok')
          ) : (
            <>
              <Text size="sm">{t('search.index.problems', { count: result.count })}</Text>
              <List size="xs" mt={4}>
                {result.problems.map((p) => (
                  <List.Item key={p}>{p}</List.Item>
                ))}
              </List>
            </>
          )}
        </Alert>
      )}
    </Paper>
  );
}
