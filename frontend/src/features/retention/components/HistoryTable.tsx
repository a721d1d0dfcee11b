import { Paper, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { RetentionRun } from '../api/retentionApi';
import { formatCount, formatInstant } from '@/lib/format';
import { pick } from '@/lib/i18n/pick';
import { runSummary, type Translate } from './retentionText';

/** The past runs and what each changed per type. */
export function HistoryTable({ runs }: { runs: RetentionRun[] }) {
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
