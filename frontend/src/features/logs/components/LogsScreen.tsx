import { Anchor, Badge, Group, Pagination, Paper, Select, Stack, Table, Tabs, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '@/components/ui/ErrorAlert';
import { backend } from '@/lib/backend';
import { routeHref } from '@/lib/router';

const pageSize = 50;
type Log = 'event' | 'system_log';

/** Settings > Logs: the event log and the system log, newest first, filterable. */
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

function LogTable({ log }: { log: Log }) {
  const { t, i18n } = useTranslation();
  const [page, setPage] = useState(1);
  const [filter, setFilter] = useState('');
  const [kind, setKind] = useState<string | null>(null);
  const [debounced] = useDebouncedValue(filter.trim(), 300);
  // The kind is a field of the stored row: filter on its JSON text, together with the words.
  const text = kind ? `"kind":"${kind}"` : debounced;
  const query = { type: log, offset: (page - 1) * pageSize, limit: pageSize, sort: 'created_at', desc: true, status: '', text };
  const rows = useQuery({ queryKey: ['records', query], queryFn: () => backend.listRecords(query), placeholderData: keepPreviousData });
  const visible = (rows.data?.items ?? []).filter((r) => !kind || !debounced || JSON.stringify(r.values).toLowerCase().includes(debounced.toLowerCase()));
  const total = rows.data?.total ?? 0;
  const fmt = new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'sv-SE');
  const v = (r: { values: Record<string, unknown> }, k: string) => (typeof r.values[k] === 'string' ? (r.values[k] as string) : '');
  const time = (s: string) => (s ? new Date(s).toLocaleString(i18n.language === 'en' ? 'en-GB' : 'sv-SE') : '');
  return (
    <Stack gap="sm">
      <Group>
        <TextInput
          aria-label={t('logs.filter')}
          placeholder={t('logs.filterPlaceholder')}
          leftSection={<IconSearch size={16} />}
          value={filter}
          onChange={(e) => {
            setFilter(e.currentTarget.value);
            setPage(1);
          }}
          w={320}
          data-testid={`filter-${log}`}
        />
        {log === 'system_log' && (
          <Select
            aria-label={t('logs.kind')}
            placeholder={t('logs.allKinds')}
            clearable
            data={[
              { value: 'login', label: t('logs.kinds.login') },
              { value: 'error', label: t('logs.kinds.error') },
            ]}
            value={kind}
            onChange={(k) => {
              setKind(k);
              setPage(1);
            }}
            w={180}
          />
        )}
        <Text size="sm" c="dimmed">
          {t('logs.total', { count: total, formatted: fmt.format(total) })}
        </Text>
      </Group>
      {rows.isError && <ErrorAlert error={rows.error} />}
      <Paper withBorder radius="md">
        <Table.ScrollContainer minWidth={720}>
          <Table striped verticalSpacing="xs" data-testid={`log-${log}`}>
            <Table.Thead>
              {log === 'event' ? (
                <Table.Tr>
                  <Table.Th>{t('logs.columns.at')}</Table.Th>
                  <Table.Th>{t('logs.columns.username')}</Table.Th>
                  <Table.Th>{t('logs.columns.email')}</Table.Th>
                  <Table.Th>{t('logs.columns.ip')}</Table.Th>
                  <Table.Th>{t('logs.columns.action')}</Table.Th>
                  <Table.Th>{t('logs.columns.record')}</Table.Th>
                </Table.Tr>
              ) : (
                <Table.Tr>
                  <Table.Th>{t('logs.columns.at')}</Table.Th>
                  <Table.Th>{t('logs.columns.kind')}</Table.Th>
                  <Table.Th>{t('logs.columns.username')}</Table.Th>
                  <Table.Th>{t('logs.columns.code')}</Table.Th>
                  <Table.Th>{t('logs.columns.message')}</Table.Th>
                </Table.Tr>
              )}
            </Table.Thead>
            <Table.Tbody>
              {visible.map((r) =>
                log === 'event' ? (
                  <Table.Tr key={r.id}>
                    <Table.Td>{time(v(r, 'occurred_at'))}</Table.Td>
                    <Table.Td>{v(r, 'username')}</Table.Td>
                    <Table.Td>{v(r, 'email')}</Table.Td>
                    <Table.Td>{v(r, 'ip')}</Table.Td>
                    <Table.Td>
                      <Badge tt="none" variant="light">{v(r, 'action')}</Badge>
                    </Table.Td>
                    <Table.Td>
                      {v(r, 'target_type') && (
                        <Anchor href={routeHref('records', v(r, 'target_type'), v(r, 'target_id'))}>
                          {v(r, 'target_type')} {v(r, 'target_id')}
                        </Anchor>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ) : (
                  <Table.Tr key={r.id}>
                    <Table.Td>{time(v(r, 'occurred_at'))}</Table.Td>
                    <Table.Td>
                      <Badge tt="none" variant="light" color={v(r, 'kind') === 'error' ? 'red' : 'blue'}>
                        {v(r, 'kind') === 'error' ? t('logs.kinds.error') : t('logs.kinds.login')}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{v(r, 'username')}</Table.Td>
                    <Table.Td>
                      <Text size="sm" ff="monospace" c={v(r, 'code') === 'login_ok' ? 'teal' : 'red'}>
                        {v(r, 'code')}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" lineClamp={2}>
                        {v(r, 'message')}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ),
              )}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {rows.data && visible.length === 0 && (
          <Text c="dimmed" ta="center" p="lg">
            {t('logs.empty')}
          </Text>
        )}
      </Paper>
      {total > pageSize && <Pagination total={Math.ceil(total / pageSize)} value={page} onChange={setPage} />}
    </Stack>
  );
}
