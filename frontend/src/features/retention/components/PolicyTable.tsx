import { Paper, Table, Text } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import type { RetentionPolicy } from '../api/retentionApi';
import { PolicyRow } from './PolicyRow';

/** Every record type's policy, one row each. */
export function PolicyTable({ policies }: { policies: RetentionPolicy[] }) {
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
