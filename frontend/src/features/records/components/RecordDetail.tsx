import { Alert, Anchor, Button, Group, Paper, SimpleGrid, Stack, Table, Text, Timeline, Title } from '@mantine/core';
import { IconArrowLeft, IconEdit, IconHistory } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '@/components/ui/ErrorAlert';
import type { FieldSchema, TypeSchema } from '@/lib/schemas';
import { routeHref } from '@/lib/router';
import { linkName, type LinkNames } from '../api/links';
import { useWords } from '@/lib/labels';
import { display, useFormatValue, useLabel, useRecord, useSingular } from '../api/records';
import { DeleteRecordButton } from './DeleteRecordButton';
import { LinkValue } from './LinkValue';
import { StatusBadge } from './StatusBadge';

type Row = Record<string, unknown>;

/** One record: its fields, its child rows and its version history. */
export function RecordDetail({ schema, id, onBack, onEdit, onDeleted }: { schema: TypeSchema; id: string; onBack: () => void; onEdit: () => void; onDeleted: () => void }) {
  const { t } = useTranslation();
  const label = useLabel();
  const singular = useSingular();
  const words = useWords();
  const format = useFormatValue();
  const record = useRecord(schema.name, id);
  if (record.isPending) return <Text c="dimmed">{t('records.list.loading')}</Text>;
  if (record.isError) return <ErrorAlert error={record.error} />;
  const values = record.data.values as Row;
  const plain = schema.fields.filter((f) => f.kind !== 'children' && f.name !== 'versions');
  const children = schema.fields.filter((f) => f.kind === 'children' && f.name !== 'versions');
  const versions = (values.versions as Row[] | undefined) ?? [];
  const hasHistory = schema.fields.some((f) => f.name === 'versions');
  const fieldByName = new Map(schema.fields.map((f) => [f.name, f]));
  const links: LinkNames = record.data;
  const changedBy = (user: string) => t('records.detail.changedBy', { user: linkName(links, 'user', user) ?? user });

  return (
    <Stack gap="lg" data-testid="record-detail">
      <Group justify="space-between">
        <Button variant="subtle" leftSection={<IconArrowLeft size={16} />} onClick={onBack}>
          {t('records.detail.back')}
        </Button>
        {schema.writable && (
          <Group gap="xs">
            <Button leftSection={<IconEdit size={16} />} onClick={onEdit} data-testid="edit-record">
              {t('records.detail.edit')}
            </Button>
            <DeleteRecordButton schema={schema} id={id} onDeleted={onDeleted} />
          </Group>
        )}
      </Group>
      <Group gap="sm">
        <Title order={2}>
          {singular(schema)} {id}
        </Title>
        <StatusBadge status={typeof values.status === 'string' ? values.status : ''} />
      </Group>
      {!schema.writable && <Alert color="gray">{t('records.detail.readOnly')}</Alert>}
      <Paper withBorder radius="md" p="lg">
        <Title order={3} size="h5" mb="sm">
          {t('records.detail.fields')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" verticalSpacing="sm">
          {plain.map((f) => (
            <div key={f.name} data-testid={`field-${f.name}`}>
              <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                {label(f)}
              </Text>
              <FieldValue field={f} value={values[f.name]} links={links} />
            </div>
          ))}
        </SimpleGrid>
      </Paper>
      {children.map((f) => (
        <ChildTable key={f.name} field={f} rows={(values[f.name] as Row[] | undefined) ?? []} links={links} />
      ))}
      {hasHistory && (
        <Paper withBorder radius="md" p="lg" data-testid="version-history">
          <Group gap="xs" mb="sm">
            <IconHistory size={18} />
            <Title order={3} size="h5">
              {t('records.detail.history')}
            </Title>
          </Group>
          {versions.length === 0 ? (
            <Text c="dimmed" size="sm">
              {t('records.detail.noHistory')}
            </Text>
          ) : (
            <Timeline active={versions.length} bulletSize={14} lineWidth={2}>
              {[...versions].reverse().map((v, i) => (
                <Timeline.Item
                  key={i}
                  title={`${words.dateTime(typeof v.changed_at === 'string' ? v.changed_at : '')} · ${typeof v.changed_by === 'string' && v.changed_by ? changedBy(v.changed_by) : t('records.detail.changedByUnknown')}`}
                >
                  {typeof v.changed_by === 'string' && (
                    <Anchor href={routeHref('records', 'user', v.changed_by)} size="xs">
                      {t('records.detail.openUser')}
                    </Anchor>
                  )}
                  {Object.entries((v.fields as Row | undefined) ?? {}).map(([name, old]) => {
                    const fs = fieldByName.get(name);
                    return (
                      <Text size="sm" key={name}>
                        <Text span fw={500}>
                          {fs ? label(fs) : name}
                        </Text>
                        {`: ${(fs ? format(fs, old) : display(old)) || t('records.detail.empty')}`}
                      </Text>
                    );
                  })}
                </Timeline.Item>
              ))}
            </Timeline>
          )}
        </Paper>
      )}
    </Stack>
  );
}

const linkKinds = new Set(['link', 'customer_link', 'link_list']);

function FieldValue({ field, value, links }: { field: FieldSchema; value: unknown; links: LinkNames }) {
  const { t } = useTranslation();
  const format = useFormatValue();
  const text = display(value);
  if (!text) return <Text c="dimmed">{t('records.detail.empty')}</Text>;
  if (linkKinds.has(field.kind) && field.target) return <LinkValue target={field.target} value={value} links={links} />;
  if (field.kind === 'boolean') return <Text>{value ? t('records.form.yes') : t('records.form.no')}</Text>;
  if (field.name === 'status') return <StatusBadge status={text} />;
  return <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{format(field, value)}</Text>;
}

function ChildTable({ field, rows, links }: { field: FieldSchema; rows: Row[]; links: LinkNames }) {
  const { t } = useTranslation();
  const label = useLabel();
  const format = useFormatValue();
  const cols = field.children ?? [];
  return (
    <Paper withBorder radius="md" p="lg" data-testid={`children-${field.name}`}>
      <Group gap="xs" mb="sm">
        <Title order={3} size="h5">
          {label(field)}
        </Title>
        <Text size="sm" c="dimmed">
          {t('records.detail.rows', { count: rows.length })}
        </Text>
      </Group>
      {rows.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('records.detail.noRows')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={480}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                {cols.map((c) => (
                  <Table.Th key={c.name}>{label(c)}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r, i) => (
                <Table.Tr key={i}>
                  {cols.map((c) => (
                    <Table.Td key={c.name}>{linkKinds.has(c.kind) && c.target && r[c.name] ? <LinkValue target={c.target} value={r[c.name]} links={links} size="sm" /> : format(c, r[c.name])}</Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
