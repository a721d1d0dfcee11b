import { Alert, Button, Group, Modal, ScrollArea, Table, Text } from '@mantine/core';
import { IconFileAlert } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ImportProblem } from '../api/importApi';

function baseName(path: string) {
  return path.split(/[\\/]/).pop() ?? path;
}

/** The bad lines of a failed import: file:line, field, and what is wrong. */
export function ImportProblems({ problems, onClose }: { problems: ImportProblem[]; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened onClose={onClose} title={t('import.failedTitle')} size="xl" centered>
      <Alert color="red" variant="light" icon={<IconFileAlert />} mb="md">
        {t('import.failedHint')}
      </Alert>
      <ScrollArea.Autosize mah={420}>
        <Table striped withTableBorder stickyHeader data-testid="import-problems">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('import.columnFile')}</Table.Th>
              <Table.Th>{t('import.columnLine')}</Table.Th>
              <Table.Th>{t('import.columnField')}</Table.Th>
              <Table.Th>{t('import.columnProblem')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {problems.map((p, i) => (
              <Table.Tr key={`${p.file}:${p.line}:${p.field}:${i}`}>
                <Table.Td title={p.file}>
                  <Text size="sm" ff="monospace">
                    {baseName(p.file)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    {p.line > 0 ? p.line : '–'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    {p.field || t('import.wholeLine')}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{p.message}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={onClose}>
          {t('import.close')}
        </Button>
      </Group>
    </Modal>
  );
}
