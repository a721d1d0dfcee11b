import { Anchor, Badge, Button, Group, Pagination, Paper, Select, Stack, Table, Text, TextInput, Title, UnstyledButton } from '@mantine/core';
import { useDebouncedValue, useElementSize } from '@mantine/hooks';
import { IconChevronDown, IconChevronUp, IconPlus, IconSearch, IconSelector } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '@/components/ui/ErrorAlert';
import type { TypeSchema } from '@/lib/schemas';
import { routeHref } from '@/lib/router';
import { linkName, linkValues, withValue } from '../api/links';
import { useWords } from '@/lib/labels';
import { summaryFields, useFormatValue, useLabel, useRecordPage } from '../api/records';
import { StatusBadge } from './StatusBadge';

const pageSize = 50;
type SortKey = 'id' | 'status' | 'updated_at' | 'created_at';

/** A paged, sorted, filtered list of one type's records; all of it happens in the database. */
export function RecordList({ schema, onOpen, onNew }: { schema: TypeSchema; onOpen: (id: string) => void; onNew: () => void }) {
  const { t } = useTranslation();
  const label = useLabel();
  const words = useWords();
  const format = useFormatValue();
  const { ref: frame, width } = useElementSize();
  const [page, setPage] = useState(1);
  const [sort, setSort] = useState<SortKey>('updated_at');
  const [desc, setDesc] = useState(true);
  const [status, setStatus] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const [text] = useDebouncedValue(filter.trim(), 300);
  const query = { type: schema.name, offset: (page - 1) * pageSize, limit: pageSize, sort, desc, status: status ?? '', text };
  const result = useRecordPage(query);
  const allFields = byPriority(summaryFields(schema));
  const total = result.data?.total ?? 0;
  const fmt = { format: words.count };
  const statusField = schema.fields.find((f) => f.name === 'status');
  // Narrow windows keep the key columns: id, the first field (the name) and the status, then
  // the rest by priority while they fit; the count of hidden ones shows under the table.
  const fit = columnsThatFit(width, allFields.length, !!statusField);
  const fields = allFields.slice(0, fit.fields);
  const showUpdated = fit.updated;
  const hidden = allFields.length - fields.length + (showUpdated ? 0 : 1);

  const sortBy = (key: SortKey) => {
    if (sort === key) setDesc(!desc);
    else {
      setSort(key);
      setDesc(key !== 'id');
    }
    setPage(1);
  };
  const header = (key: SortKey, text: string) => (
    <Table.Th>
      <UnstyledButton onClick={() => sortBy(key)} aria-label={t('records.list.sortBy', { column: text })}>
        <Group gap={4} wrap="nowrap">
          <Text fw={600} size="sm">
            {text}
          </Text>
          {sort === key ? desc ? <IconChevronDown size={14} /> : <IconChevronUp size={14} /> : <IconSelector size={14} opacity={0.5} />}
        </Group>
      </UnstyledButton>
    </Table.Th>
  );

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>{label(schema)}</Title>
          <Text c="dimmed" size="sm" data-testid="record-total">
            {t('records.list.total', { count: total, formatted: fmt.format(total) })}
          </Text>
        </div>
        {schema.writable && (
          <Button leftSection={<IconPlus size={16} />} onClick={onNew} data-testid="new-record">
            {t('records.list.newRecord')}
          </Button>
        )}
      </Group>
      <Group gap="sm">
        <TextInput
          aria-label={t('records.list.filter')}
          placeholder={t('records.list.filterPlaceholder')}
          leftSection={<IconSearch size={16} />}
          value={filter}
          onChange={(e) => {
            setFilter(e.currentTarget.value);
            setPage(1);
          }}
          w={320}
          data-testid="record-filter"
        />
        {statusField?.enum && (
          <Select
            aria-label={t('records.list.status')}
            placeholder={t('records.list.allStatuses')}
            clearable
            data={statusField.enum.map((s) => ({ value: s, label: words.value('status', s) }))}
            value={status}
            onChange={(v) => {
              setStatus(v);
              setPage(1);
            }}
            w={180}
          />
        )}
      </Group>
      {hidden > 0 && (
        <Text size="xs" c="dimmed" mt={-8} data-testid="hidden-columns">
          {t('records.list.hiddenColumns', { count: hidden, formatted: words.count(hidden) })}
        </Text>
      )}
      {result.isError && <ErrorAlert error={result.error} />}
      <Paper withBorder radius="md" ref={frame}>
        <Table.ScrollContainer minWidth={360}>
          <Table highlightOnHover striped verticalSpacing="xs" data-testid="record-table">
            <Table.Thead>
              <Table.Tr>
                {header('id', t('records.list.id'))}
                {fields.map((f) => (
                  <Table.Th key={f.name}>{label(f)}</Table.Th>
                ))}
                {statusField && header('status', label(statusField))}
                {showUpdated && header('updated_at', label(schema.fields.find((f) => f.name === 'updated_at') ?? { labelSv: 'Uppdaterad', labelEn: 'Updated' }))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {result.data?.items.map((r) => (
                <Table.Tr key={r.id} style={{ cursor: 'pointer' }} onClick={() => onOpen(r.id)} data-testid={`row-${r.id}`}>
                  <Table.Td>
                    <Anchor href={routeHref('records', schema.name, r.id)} onClick={(e) => e.stopPropagation()} size="sm" fw={500}>
                      {r.id}
                    </Anchor>
                  </Table.Td>
                  {fields.map((f) => (
                    <Table.Td key={f.name}>
                      <Text size="sm" lineClamp={1}>
                        {f.target && (f.kind === 'link' || f.kind === 'customer_link')
                          ? linkValues(r.values[f.name])
                              .map((v) => withValue(linkName(result.data ?? {}, f.target!, v), v))
                              .join(', ')
                          : format(f, r.values[f.name])}
                      </Text>
                    </Table.Td>
                  ))}
                  {statusField && (
                    <Table.Td style={{ whiteSpace: 'nowrap', width: '1%' }}>
                      <StatusBadge status={typeof r.values.status === 'string' ? r.values.status : ''} />
                    </Table.Td>
                  )}
                  {showUpdated && (
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Text size="sm" c="dimmed">
                        {words.dateTime(String(r.values.updated_at || r.values.created_at || ''))}
                      </Text>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {result.data && result.data.items.length === 0 && (
          <Text c="dimmed" ta="center" p="lg">
            {t('records.list.empty')}
          </Text>
        )}
        {result.isPending && (
          <Text c="dimmed" ta="center" p="lg">
            {t('records.list.loading')}
          </Text>
        )}
      </Paper>
      {total > pageSize && (
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            {t('records.list.showing', {
              from: fmt.format((page - 1) * pageSize + 1),
              to: fmt.format(Math.min(page * pageSize, total)),
              total: fmt.format(total),
            })}
          </Text>
          <Pagination total={Math.ceil(total / pageSize)} value={page} onChange={setPage} siblings={1} boundaries={1} />
        </Group>
      )}
      {result.isFetching && !result.isPending && <Badge tt="none" variant="light">{t('records.list.loading')}</Badge>}
    </Stack>
  );
}

/**
 * How many summary fields, and whether the updated column, fit in a table this wide (px).
 * The id, the first field and the status always show; 0 (not measured yet) shows everything.
 */
export function columnsThatFit(width: number, fieldCount: number, hasStatus: boolean): { fields: number; updated: boolean } {
  if (width <= 0) return { fields: fieldCount, updated: true };
  const idWidth = 130;
  const statusWidth = hasStatus ? 120 : 0;
  const fieldWidth = 170;
  const updatedWidth = 180;
  let room = width - idWidth - statusWidth - fieldWidth; // the first field always shows
  let fields = Math.min(1, fieldCount);
  // Priority after the name: the second field, then the time of the last change, then the rest.
  if (fields < fieldCount && room >= fieldWidth) {
    fields++;
    room -= fieldWidth;
  }
  const updated = room >= updatedWidth;
  if (updated) room -= updatedWidth;
  while (updated && fields < fieldCount && room >= fieldWidth) {
    fields++;
    room -= fieldWidth;
  }
  return { fields, updated };
}

/** What names a record comes first (it stays in the narrowest window), then the registry's order. */
const naming = ['name', 'title', 'subject', 'text', 'description'];
export function byPriority<F extends { name: string }>(fields: F[]): F[] {
  const rank = (f: F) => (naming.includes(f.name) ? naming.indexOf(f.name) : naming.length);
  return [...fields].sort((a, b) => rank(a) - rank(b));
}
