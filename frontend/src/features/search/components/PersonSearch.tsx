import { Badge, Button, Chip, Group, Loader, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileExport, IconSearch, IconUserOff } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '@/components/ui/ErrorAlert';
import { searchApi, type ErasurePlan } from '../api/searchApi';
import { errorMessage } from '@/lib/errorMessage';
import { formatCount } from '@/lib/format';
import { useWords } from '@/lib/labels';
import { useDebounced, useErase, useErasurePreview, usePersonSearch } from '../api/usePersonSearch';
import { ErasureModal } from './ErasureModal';
import { IndexMaintenance } from './IndexMaintenance';
import { HitGroup } from './HitGroup';
import { PersonHitGroup } from './PersonHitGroup';

function baseName(path: string) {
  return path.split(/[\\/]/).pop() ?? path;
}

/** Settings > GDPR > Search: find a person everywhere, export what was found, or anonymise it. */
export function PersonSearch() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const words = useWords();
  const [input, setInput] = useState('');
  const [query, flush] = useDebounced(input);
  const [areas, setAreas] = useState<string[]>([]);
  const search = usePersonSearch(query, areas);
  const erasurePreview = useErasurePreview();
  const erase = useErase();
  const [plan, setPlan] = useState<ErasurePlan | null>(null);
  const [exporting, setExporting] = useState(false);
  const q = query.trim();
  const result = q.length >= 2 ? search.data : undefined;

  /** Exports the access report of the chosen values (none: the exact matches). */
  async function exportReport(values: string[] = []) {
    setExporting(true);
    try {
      const path = await searchApi.chooseReportFile();
      if (!path) return;
      const files = await searchApi.writeAccessReport(q, values, path);
      notifications.show({
        color: 'teal',
        title: t('search.export.doneTitle'),
        message: t('search.export.done', {
          places: files.places,
          records: files.records,
          html: baseName(files.html),
          json: baseName(files.json),
        }),
      });
    } catch (err) {
      notifications.show({ color: 'red', title: t('errors.title'), message: errorMessage(t, err) });
    } finally {
      setExporting(false);
    }
  }

  async function previewErasure(values: string[] = []) {
    try {
      setPlan(await erasurePreview.mutateAsync({ query: q, values }));
    } catch (err) {
      notifications.show({ color: 'red', title: t('errors.title'), message: errorMessage(t, err) });
    }
  }

  async function confirmErasure(values: string[]) {
    try {
      const done = await erase.mutateAsync({ query: q, values });
      setPlan(null);
      notifications.show({
        color: 'teal',
        title: t('search.erase.doneTitle'),
        message: t('search.erase.done', { records: done.records, people: done.people, remaining: done.remaining }),
      });
    } catch (err) {
      notifications.show({ color: 'red', title: t('errors.title'), message: errorMessage(t, err) });
    }
  }

  const found = (result?.total ?? 0) > 0;
  return (
    <Stack gap="lg" maw={1180}>
      <div>
        <Title order={2}>{t('search.title')}</Title>
        <Text c="dimmed" size="sm" mt={4}>
          {t('search.subtitle')}
        </Text>
      </div>
      <Paper withBorder radius="md" p="lg">
        <Stack gap="sm">
          <TextInput
            size="md"
            autoFocus
            value={input}
            onChange={(e) => setInput(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') flush();
              if (e.key === 'Escape') setInput('');
            }}
            placeholder={t('search.placeholder')}
            aria-label={t('search.queryLabel')}
            leftSection={<IconSearch size={18} />}
            rightSection={search.isFetching && q.length >= 2 ? <Loader size="xs" /> : null}
            data-testid="search-input"
          />
          <Group justify="space-between" wrap="wrap" gap="sm">
            <Group gap="sm" mih={28}>
              {result && (
                <>
                  <Text size="sm" c="dimmed">
                    {t('search.kindLabel')}
                  </Text>
                  <Badge variant="light" color="indigo" data-testid="query-kind">
                    {t(`search.kind.${result.kind as 'name'}`, { defaultValue: result.kind })}
                  </Badge>
                  <Text size="sm" fw={500} data-testid="hit-total">
                    {t('search.hits', { count: result.total, formatted: formatCount(result.total, lang) })}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t('search.took', { ms: result.tookMs.toFixed(1) })}
                  </Text>
                </>
              )}
            </Group>
            <Group gap="sm">
              <Button
                variant="default"
                leftSection={<IconFileExport size={16} />}
                disabled={!found}
                loading={exporting}
                onClick={() => void exportReport()}
              >
                {t('search.export.button')}
              </Button>
              <Button
                color="red"
                variant="light"
                leftSection={<IconUserOff size={16} />}
                disabled={!found}
                loading={erasurePreview.isPending}
                onClick={() => previewErasure()}
              >
                {t('search.erase.button')}
              </Button>
            </Group>
          </Group>
          {result && result.areas.length > 0 && (
            <Chip.Group multiple value={areas} onChange={setAreas}>
              <Group gap="xs" aria-label={t('search.areaFilter')} role="group">
                {result.areas.map((a) => (
                  <Chip key={a.area} value={a.area} size="sm" variant="light">
                    {words.area(a.area)} ({formatCount(a.count, lang)})
                  </Chip>
                ))}
              </Group>
            </Chip.Group>
          )}
        </Stack>
      </Paper>
      {search.isError && <ErrorAlert error={search.error} />}
      {q.length < 2 && (
        <Text size="sm" c="dimmed">
          {t('search.hint')}
        </Text>
      )}
      {result && result.total === 0 && (
        <Text size="sm" c="dimmed" data-testid="no-hits">
          {t('search.noHits', { query: result.query })}
        </Text>
      )}
      {result && result.shown < result.total && (
        <Text size="sm" c="dimmed">
          {t('search.shown', { shown: formatCount(result.shown, lang), total: formatCount(result.total, lang) })}
        </Text>
      )}
      {result?.people.map((p) => <PersonHitGroup key={`${p.type}/${p.id}`} person={p} />)}
      {result?.groups.map((g) => <HitGroup key={`${g.area}/${g.location}`} group={g} />)}
      <IndexMaintenance />
      <ErasureModal
        plan={plan}
        busy={erase.isPending}
        previewing={erasurePreview.isPending}
        onCancel={() => setPlan(null)}
        onSelect={(values) => void previewErasure(values)}
        exporting={exporting}
        onExport={(values) => void exportReport(values)}
        onConfirm={(values) => void confirmErasure(values)}
      />
    </Stack>
  );
}
