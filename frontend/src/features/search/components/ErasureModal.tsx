import { Alert, Badge, Button, Group, Modal, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ErasurePlan } from '@/lib/backend';

function pick(lang: string, sv: string, en: string) {
  return lang === 'sv' ? sv : en;
}

interface Props {
  plan: ErasurePlan | null;
  busy: boolean;
  onCancel: () => void;
  onConfirm: () => void;
}

/** The preview of "anonymise everywhere": which records, which fields; then the confirmation. */
export function ErasureModal({ plan, busy, onCancel, onConfirm }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const records = plan?.records ?? [];
  return (
    <Modal
      opened={plan !== null}
      onClose={onCancel}
      title={plan ? t('search.erase.title', { query: plan.query }) : ''}
      size="xl"
      centered
    >
      {plan && (
        <Stack gap="md">
          <Alert color="red" variant="light" icon={<IconAlertTriangle />}>
            {t('search.erase.intro', { word: plan.word })}
          </Alert>
          {plan.blocked && (
            <Alert color="yellow" variant="light" role="alert">
              {t('search.erase.blocked')}
            </Alert>
          )}
          {records.length === 0 ? (
            <Text size="sm">{t('search.erase.nothing', { query: plan.query })}</Text>
          ) : (
            <ScrollArea.Autosize mah={420}>
              <Table verticalSpacing="xs" data-testid="erasure-plan">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('search.erase.record')}</Table.Th>
                    <Table.Th w={180}>{t('search.erase.how')}</Table.Th>
                    <Table.Th>{t('search.erase.fields')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {records.map((r) => (
                    <Table.Tr key={`${r.type}/${r.id}`}>
                      <Table.Td style={{ verticalAlign: 'top' }}>
                        <Text size="sm" fw={500}>
                          {pick(lang, r.typeLabelSv, r.typeLabelEn)} {r.id}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {r.area} / {r.location}
                        </Text>
                      </Table.Td>
                      <Table.Td style={{ verticalAlign: 'top', whiteSpace: 'nowrap' }}>
                        <Badge
                          tt="none"
                          styles={{ root: { maxWidth: 'none' }, label: { overflow: 'visible' } }}
                          variant="light"
                          color={r.ownAccount ? 'yellow' : r.mode === 'rule' ? 'red' : 'orange'}
                        >
                          {r.ownAccount
                            ? t('search.erase.ownAccount')
                            : r.mode === 'rule'
                              ? t('search.erase.modeRule')
                              : t('search.erase.modeValues')}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{r.fields.map((f) => pick(lang, f.labelSv, f.labelEn)).join(', ')}</Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollArea.Autosize>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onCancel} data-autofocus>
              {t('search.erase.cancel')}
            </Button>
            <Button color="red" loading={busy} disabled={plan.blocked || records.length === 0} onClick={onConfirm}>
              {t('search.erase.confirm', { count: records.length })}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
