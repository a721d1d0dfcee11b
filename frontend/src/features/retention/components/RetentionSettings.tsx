import {
  Alert,
  Badge,
  Button,
  Group,
  Loader,
  NumberInput,
  Paper,
  Progress,
  SegmentedControl,
  Stack,
  Switch,
  Table,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconEye, IconPlayerPlay, IconPlayerStop } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '@/components/ui/ErrorAlert';
import { ErrorCode, toBackendError } from '@/lib/backend';
import { retentionApi, type RetentionPolicy, type RetentionRun } from '../api/retentionApi';
import { errorMessage } from '@/lib/errorMessage';
import { formatCount, formatInstant } from '@/lib/format';
import { pick } from '@/lib/i18n/pick';
import { usePreview, useRetentionOverview, useRetentionProgress, useRunNow, useSetPolicy } from '../api/useRetention';
import { EnablePolicyModal } from './EnablePolicyModal';
import { PreviewModal } from './PreviewModal';
import { SchedulerTokenCard } from './SchedulerTokenCard';

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

/**
 * A translate function without the typed keys: passing react-i18next's fully typed `t` as a
 * parameter makes TypeScript instantiate every key of the app (TS2589) once there are many.
 */
type Translate = (key: string, options?: Record<string, unknown>) => string;

function runSummary(t: Translate, run: RetentionRun, lang: string): string {
  if (run.cancelled) return t('retention.scheduler.cancelled');
  if (run.error) return t('retention.scheduler.failed');
  if (run.total === 0) return t('retention.history.nothing');
  return t('retention.scheduler.total', { count: run.total, formatted: formatCount(run.total, lang) });
}

function SchedulerCard({ running, lastRun, nextRun }: { running: boolean; lastRun?: RetentionRun | null; nextRun: string }) {
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

function clockText(t: Translate, p: RetentionPolicy, lang: string): string {
  const sep = p.clockMode === 'first_set' ? t('retention.table.else') : t('retention.table.or');
  return p.clock.map((c) => pick(lang, c.labelSv, c.labelEn).toLowerCase()).join(sep);
}

function PolicyTable({ policies }: { policies: RetentionPolicy[] }) {
  const { t } = useTranslation();
  // Narrower than the table: it scrolls sideways, and says so.
  const { ref, width } = useElementSize();
  return (
    <Paper withBorder radius="md" ref={ref}>
      {width > 0 && width < 760 && (
        <Text size="xs" c="dimmed" px="md" pt="xs" data-testid="scroll-hint">
          {t('retention.table.scrollHint')}
        </Text>
      )}
      <Table.ScrollContainer minWidth={760}>
        <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('retention.table.type')}</Table.Th>
              <Table.Th>{t('retention.table.clock')}</Table.Th>
              <Table.Th w={70}>{t('retention.table.enabled')}</Table.Th>
              <Table.Th w={150}>{t('retention.table.days')}</Table.Th>
              <Table.Th w={230}>{t('retention.table.onDelete')}</Table.Th>
              <Table.Th>{t('retention.table.rule')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {policies.map((p) => (
              <PolicyRow key={p.type} policy={p} />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

function PolicyRow({ policy: p }: { policy: RetentionPolicy }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const save = useSetPolicy();
  const [days, setDays] = useState<string | number>(p.days);
  const [savedDays, setSavedDays] = useState(p.days);
  if (savedDays !== p.days) {
    // The policy changed elsewhere (another save, a refresh): follow it.
    setSavedDays(p.days);
    setDays(p.days);
  }
  const label = pick(lang, p.labelSv, p.labelEn);
  // Switching on, or shortening the days while on: asked in a dialog with a preview (null: closed).
  const [asking, setAsking] = useState<{ days: number | null } | null>(null);

  async function change(c: { enabled?: boolean; days?: number; onDelete?: string }) {
    try {
      await save.mutateAsync({ type: p.type, ...c });
    } catch (err) {
      setDays(p.days);
      notifications.show({ color: 'red', title: t('errors.title'), message: errorMessage(t, err) });
    }
  }

  function commitDays() {
    const n = typeof days === 'number' ? days : Number.parseInt(days, 10);
    if (Number.isNaN(n)) {
      setDays(p.days);
      return;
    }
    if (n === p.days) return;
    if (p.enabled && n < p.days) {
      setDays(p.days);
      setAsking({ days: n });
      return;
    }
    void change({ days: n });
  }

  const fieldList = p.fields.map((f) => pick(lang, f.labelSv, f.labelEn)).join(', ');
  return (
    <Table.Tr data-testid={`policy-${p.type}`}>
      <Table.Td>
        <Text size="sm" fw={500}>
          {label}
        </Text>
        <Text size="xs" c="dimmed">
          {t(`areas.${p.area as 'GDPR'}`, { defaultValue: p.area })}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{clockText(t as Translate, p, lang)}</Text>
      </Table.Td>
      <Table.Td>
        <Switch
          checked={p.enabled}
          disabled={p.fixed || save.isPending}
          onChange={(e) => (e.currentTarget.checked ? setAsking({ days: null }) : void change({ enabled: false }))}
          aria-label={t('retention.table.enabledLabel', { type: label })}
        />
      </Table.Td>
      <Table.Td>
        {p.fixed ? (
          <Group gap={6}>
            <Text size="sm">
              {p.months > 0
                ? t('retention.table.fixedMonths', { count: p.months })
                : t('retention.table.fixedDays', { count: p.days })}
            </Text>
            <Badge size="xs" variant="outline" color="gray">
              {t('retention.table.fixed')}
            </Badge>
          </Group>
        ) : (
          <NumberInput
            size="xs"
            min={0}
            max={36500}
            allowDecimal={false}
            allowNegative={false}
            value={days}
            onChange={setDays}
            onBlur={commitDays}
            onKeyDown={(e) => {
              if (e.key === 'Enter') commitDays();
            }}
            aria-label={t('retention.table.daysLabel', { type: label })}
            description={p.days === 0 && p.enabled ? t('retention.table.atOnce') : undefined}
            w={110}
          />
        )}
        {asking && (
          <EnablePolicyModal policy={p} label={label} clock={clockText(t as Translate, p, lang)} initialDays={asking.days} onClose={() => setAsking(null)} />
        )}
      </Table.Td>
      <Table.Td>
        {p.onDelete ? (
          <SegmentedControl
            size="xs"
            value={p.onDelete}
            disabled={save.isPending}
            onChange={(v) => void change({ onDelete: v })}
            aria-label={t('retention.table.onDeleteLabel', { type: label })}
            data={[
              { value: 'anonymise', label: t('retention.table.anonymise') },
              { value: 'delete', label: t('retention.table.delete') },
            ]}
          />
        ) : (
          <Text size="sm" c="dimmed">
            –
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        {p.deleteRow ? (
          <Text size="sm">{t('retention.table.deleteRow')}</Text>
        ) : (
          <Tooltip label={fieldList} multiline w={320} withArrow disabled={!fieldList}>
            <Text size="sm" c="dimmed" style={{ cursor: 'help' }} tabIndex={0}>
              {t('retention.table.fields', { count: p.fields.length })}
            </Text>
          </Tooltip>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

function HistoryTable({ runs }: { runs: RetentionRun[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <Paper withBorder radius="md" p="lg">
      <Title order={3} size="h5" mb="sm">
        {t('retention.history.title')}
      </Title>
      {runs.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('retention.history.empty')}
        </Text>
      ) : (
        <Table verticalSpacing={6} data-testid="history">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('retention.history.started')}</Table.Th>
              <Table.Th>{t('retention.history.trigger')}</Table.Th>
              <Table.Th>{t('retention.history.result')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {runs.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>{formatInstant(r.startedAt, lang)}</Table.Td>
                <Table.Td>{t(`retention.trigger.${r.trigger as 'manual'}`, { defaultValue: r.trigger })}</Table.Td>
                <Table.Td>
                  <Text size="sm">{runSummary(t as Translate, r, lang)}</Text>
                  {r.types
                    .filter((c) => c.anonymised + c.deleted > 0)
                    .map((c) => (
                      <Text key={c.type} size="xs" c="dimmed">
                        {pick(lang, c.labelSv, c.labelEn)}: {formatCount(c.anonymised + c.deleted, lang)}
                      </Text>
                    ))}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
