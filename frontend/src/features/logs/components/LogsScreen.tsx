import { Anchor, Badge, Button, Group, Pagination, Paper, Select, Stack, Table, Tabs, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue, useElementSize } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconFileExport, IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '@/components/ui/ErrorAlert';
import { logsApi, type LogQuery, type LogRow } from '../api/logsApi';
import { errorMessage } from '@/lib/errorMessage';
import { dayRange } from '@/lib/format';
import { eventActions, useWords, type Words } from '@/lib/labels';
import { routeHref } from '@/lib/router';

const pageSize = 50;
type Log = 'event' | 'system_log';

/** Settings > Logs: the event log and the system log as an audit view, newest first. */
export function LogsScreen() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Log>('event');
  return (
    <Stack gap="lg">
      <div>
        <Title order={2}>{t('logs.title')}</Title>
        <Text c="dimmed">{t('logs.subtitle')}</Text>
      </div>
      <Tabs value={tab} onChange={(v) => setTab(v === 'system_log' ? 'system_log' : 'event')} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="event" data-testid="tab-events">
            {t('logs.events')}
          </Tabs.Tab>
          <Tabs.Tab value="system_log" data-testid="tab-system">
            {t('logs.system')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="event" pt="md">
          <LogTable log="event" />
        </Tabs.Panel>
        <Tabs.Panel value="system_log" pt="md">
          <LogTable log="system_log" />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

type Row = LogRow;

function str(r: Row, k: string): string {
  const v = (r.values as Record<string, unknown>)[k];
  return typeof v === 'string' ? v : '';
}

/** The href of an event's target: a record, or the secure-data entry (the vault finds its form). */
export function targetHref(type: string, id: string): string {
  if (type === 'vault_entry') return routeHref('vault', 'entry', id);
  if (type === 'vault_form') return routeHref('vault', 'form', id);
  return routeHref('records', type, id);
}

/** The colour of a system-log line: a successful login is good news, a failed one a warning. */
export function codeColour(kind: string, code: string): string {
  if (kind === 'error') return 'red';
  return code.toLowerCase() === 'login_ok' ? 'teal' : 'orange';
}

function LogTable({ log }: { log: Log }) {
  const { t } = useTranslation();
  const words = useWords();
  const [page, setPage] = useState(1);
  const [filter, setFilter] = useState('');
  const [person, setPerson] = useState('');
  const [choice, setChoice] = useState<string | null>(null); // action (events) or kind (system log)
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [busy, setBusy] = useState(false);
  const [text] = useDebouncedValue(filter.trim(), 300);
  const [who] = useDebouncedValue(person.trim(), 300);
  const { since, until } = dayRange(from, to);
  const match: Record<string, string> = {};
  if (who) match.username = who;
  if (choice) match[log === 'event' ? 'action' : 'kind'] = choice;
  const query: LogQuery = { type: log, offset: (page - 1) * pageSize, limit: pageSize, sort: 'created_at', desc: true, status: '', text, match, since, until };
  const rows = useQuery({ queryKey: ['records', query], queryFn: () => logsApi.list(query), placeholderData: keepPreviousData });
  const items = rows.data?.items ?? [];
  const total = rows.data?.total ?? 0;
  const reset = () => setPage(1);
  // A narrow window hides the last column (address, message) rather than cutting the table.
  const { ref: frame, width } = useElementSize();
  const narrow = width > 0 && width < 900;

  const exportCsv = async () => {
    setBusy(true);
    try {
      const path = await logsApi.chooseCsvFile(log === 'event' ? 'handelser' : 'systemlogg');
      if (!path) return;
      const n = await logsApi.exportCsv({ ...query, offset: 0, limit: 0 }, path);
      notifications.show({ color: 'teal', title: t('logs.exported', { count: n, formatted: words.count(n) }), message: path });
    } catch (reason) {
      notifications.show({ color: 'red', message: errorMessage(t, reason) });
    } finally {
      setBusy(false);
    }
  };

  const choices =
    log === 'event'
      ? eventActions.map((a) => ({ value: a, label: words.action(a) }))
      : ['login', 'error'].map((k) => ({ value: k, label: words.value('kind', k) }));

  return (
    <Stack gap="sm">
      <Group gap="sm" align="flex-end">
        <TextInput
          label={t('logs.filters.person')}
          placeholder={t('logs.filters.personPlaceholder')}
          value={person}
          onChange={(e) => {
            setPerson(e.currentTarget.value);
            reset();
          }}
          w={170}
          data-testid={`person-${log}`}
        />
        <Select
          label={log === 'event' ? t('logs.filters.action') : t('logs.filters.kind')}
          placeholder={t('logs.allKinds')}
          clearable
          searchable
          data={choices}
          value={choice}
          onChange={(v) => {
            setChoice(v);
            reset();
          }}
          w={230}
          comboboxProps={{ width: 300 }}
          data-testid={`choice-${log}`}
        />
        <TextInput
          type="date"
          label={t('logs.filters.from')}
          value={from}
          onChange={(e) => {
            setFrom(e.currentTarget.value);
            reset();
          }}
          w={150}
          data-testid={`from-${log}`}
        />
        <TextInput
          type="date"
          label={t('logs.filters.to')}
          value={to}
          onChange={(e) => {
            setTo(e.currentTarget.value);
            reset();
          }}
          w={150}
          data-testid={`to-${log}`}
        />
        <TextInput
          label={t('logs.filter')}
          placeholder={t('logs.filterPlaceholder')}
          leftSection={<IconSearch size={16} />}
          value={filter}
          onChange={(e) => {
            setFilter(e.currentTarget.value);
            reset();
          }}
          w={200}
          data-testid={`filter-${log}`}
        />
      </Group>
      <Group justify="space-between">
        <Text size="sm" c="dimmed" data-testid={`total-${log}`}>
          {t('logs.total', { count: total, formatted: words.count(total) })}
        </Text>
        <Button variant="light" size="xs" leftSection={<IconFileExport size={16} />} loading={busy} onClick={() => void exportCsv()} data-testid={`export-${log}`}>
          {t('logs.export')}
        </Button>
      </Group>
      {rows.isError && <ErrorAlert error={rows.error} />}
      {narrow && (
        <Text size="xs" c="dimmed" mt={-8} data-testid={`hidden-columns-${log}`}>
          {t('logs.hiddenColumn', { column: log === 'event' ? t('logs.columns.ip') : t('logs.columns.message') })}
        </Text>
      )}
      <Paper withBorder radius="md" ref={frame}>
        <Table.ScrollContainer minWidth={560} type="native">
          {log === 'event' ? <EventRows items={items} words={words} narrow={narrow} /> : <SystemRows items={items} words={words} narrow={narrow} />}
        </Table.ScrollContainer>
        {rows.data && items.length === 0 && (
          <Text c="dimmed" ta="center" p="lg">
            {t('logs.empty')}
          </Text>
        )}
      </Paper>
      {total > pageSize && <Pagination total={Math.ceil(total / pageSize)} value={page} onChange={setPage} />}
    </Stack>
  );
}

/** The display names of the records a page of events points at (one lookup per target). */
function useTargetNames(items: Row[]): Map<string, string> {
  const targets = [...new Set(items.filter((r) => str(r, 'target_type') && str(r, 'target_id') && !str(r, 'target_type').startsWith('vault_')).map((r) => `${str(r, 'target_type')}/${str(r, 'target_id')}`))];
  const results = useQueries({
    queries: targets.map((key) => {
      const [type, id] = [key.slice(0, key.indexOf('/')), key.slice(key.indexOf('/') + 1)];
      return {
        queryKey: ['log-target', type, id],
        queryFn: async () => {
          const options = await logsApi.lookup(type, id, 5);
          return options.find((o) => o.id === id)?.name ?? '';
        },
        staleTime: 60_000,
        retry: false,
      };
    }),
  });
  const names = new Map<string, string>();
  targets.forEach((key, i) => {
    const name = results[i]?.data;
    if (name) names.set(key, name);
  });
  return names;
}

function EventRows({ items, words, narrow }: { items: Row[]; words: Words; narrow: boolean }) {
  const { t } = useTranslation();
  const names = useTargetNames(items);
  return (
    <Table striped verticalSpacing="xs" data-testid="log-event">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('logs.columns.at')}</Table.Th>
          <Table.Th>{t('logs.columns.username')}</Table.Th>
          <Table.Th>{t('logs.columns.action')}</Table.Th>
          <Table.Th>{t('logs.columns.record')}</Table.Th>
          {!narrow && <Table.Th>{t('logs.columns.ip')}</Table.Th>}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((r) => {
          const type = str(r, 'target_type');
          const id = str(r, 'target_id');
          const name = names.get(`${type}/${id}`);
          return (
            <Table.Tr key={r.id}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{words.dateTime(str(r, 'occurred_at'))}</Table.Td>
              <Table.Td>
                <Text size="sm">{str(r, 'username')}</Text>
                {str(r, 'email') && (
                  <Text size="xs" c="dimmed">
                    {str(r, 'email')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm" fw={500} data-testid="event-action" data-action={str(r, 'action')}>
                  {words.action(str(r, 'action'))}
                </Text>
              </Table.Td>
              <Table.Td>
                {type && (
                  <Anchor href={targetHref(type, id)} size="sm" data-testid="event-target">
                    {`${words.typeSingular(type)} ${id}`}
                    {name && name !== id ? ` · ${name}` : ''}
                  </Anchor>
                )}
              </Table.Td>
              {!narrow && (
                <Table.Td>
                  <Text size="sm" c="dimmed">
                    {str(r, 'ip')}
                  </Text>
                </Table.Td>
              )}
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}

function SystemRows({ items, words, narrow }: { items: Row[]; words: Words; narrow: boolean }) {
  const { t } = useTranslation();
  return (
    <Table striped verticalSpacing="xs" data-testid="log-system_log">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('logs.columns.at')}</Table.Th>
          <Table.Th>{t('logs.columns.kind')}</Table.Th>
          <Table.Th>{t('logs.columns.username')}</Table.Th>
          <Table.Th>{t('logs.columns.code')}</Table.Th>
          {!narrow && <Table.Th>{t('logs.columns.message')}</Table.Th>}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((r) => {
          const kind = str(r, 'kind');
          const code = str(r, 'code');
          return (
            <Table.Tr key={r.id}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{words.dateTime(str(r, 'occurred_at'))}</Table.Td>
              <Table.Td>
                <Badge tt="none" variant="light" color={kind === 'error' ? 'red' : 'blue'} miw="max-content" styles={{ label: { overflow: 'visible', textOverflow: 'clip' } }}>
                  {words.value('kind', kind)}
                </Badge>
              </Table.Td>
              <Table.Td>{str(r, 'username')}</Table.Td>
              <Table.Td>
                <Text size="sm" c={codeColour(kind, code)} fw={500} data-testid="system-code" data-colour={codeColour(kind, code)}>
                  {words.code(code)}
                </Text>
                <Text size="xs" c="dimmed" ff="monospace" data-code>
                  {code.toLowerCase()}
                </Text>
              </Table.Td>
              {!narrow && (
                <Table.Td>
                  <Text size="sm" lineClamp={2}>
                    {str(r, 'message')}
                  </Text>
                </Table.Td>
              )}
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
