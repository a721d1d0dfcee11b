import { Badge, Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { RetentionRun } from '../api/retentionApi';
import { formatCount } from '@/lib/format';
import { pick } from '@/lib/i18n/pick';


/** What the next run would do, per type with counts and a few records; changes nothing. */
export function PreviewModal({ opened, onClose, run }: { opened: boolean; onClose: () => void; run: RetentionRun | null }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const due = (run?.types ?? []).filter((c) => c.due > 0);
  return (
    <Modal opened={opened} onClose={onClose} title={t('retention.preview.title')} size="xl" centered>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t('retention.preview.subtitle')}
        </Text>
        {due.length === 0 ? (
          <Text size="sm" data-testid="preview-nothing">
            {t('retention.preview.nothing')}
          </Text>
        ) : (
          <Table verticalSpacing="xs" data-testid="preview-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('retention.preview.type')}</Table.Th>
                <Table.Th>{t('retention.preview.due')}</Table.Th>
                <Table.Th>{t('retention.preview.action')}</Table.Th>
                <Table.Th>{t('retention.preview.samples')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {due.map((c) => (
                <Table.Tr key={c.type}>
                  <Table.Td>{pick(lang, c.labelSv, c.labelEn)}</Table.Td>
                  <Table.Td>{formatCount(c.due, lang)}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={c.deleted > 0 ? 'red' : 'teal'}>
                      {c.deleted > 0 ? t('retention.preview.delete') : t('retention.preview.anonymise')}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {c.samples.map((s) => (
                        <Badge key={s.id} variant="outline" color="gray" tt="none" title={s.label}>
                          {s.id}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <Group justify="space-between">
          <Text size="sm" fw={500}>
            {run ? t('retention.preview.total', { count: run.total, formatted: formatCount(run.total, lang) }) : ''}
          </Text>
          <Button variant="default" onClick={onClose} data-autofocus>
            {t('retention.preview.close')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
