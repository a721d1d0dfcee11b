import { Alert, Badge, Button, Checkbox, Group, Modal, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ErasurePlan } from '../api/searchApi';
import { MatchBadge } from './MatchBadge';
import { pick } from '@/lib/i18n/pick';


interface Props {
  plan: ErasurePlan | null;
  busy: boolean;
  previewing: boolean;
  onCancel: () => void;
  /** A new selection of values: the plan is computed again for it. */
  onSelect: (values: string[]) => void;
  onConfirm: (values: string[]) => void;
  /** The access report of the chosen values (the same selection). */
  exporting: boolean;
  onExport: (values: string[]) => void;
}

const actionColor: Record<string, string> = {
  anonymise_record: 'red',
  replace_value: 'orange',
  replace_mention: 'orange',
  clear_link: 'gray',
  delete_entry: 'red',
};

/**
 * The plan of "anonymise everywhere": the values found, of which only the selected ones are
 * erased (by default those that matched exactly), and every change it makes as field,
 * before and after; then the confirmation.
 */
export function ErasureModal({ plan, busy, previewing, onCancel, onSelect, onConfirm, exporting, onExport }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const selected = plan?.values.filter((v) => v.selected).map((v) => v.value) ?? [];
  const changes = plan?.changes ?? [];
  function toggle(value: string, on: boolean) {
    onSelect(on ? [...selected, value] : selected.filter((v) => v !== value));
  }
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
          <Stack gap={4} data-testid="erasure-values">
            <Text size="sm" fw={500}>
              {t('search.erase.values')}
            </Text>
            {plan.values.map((v) => (
              <Group key={v.value} gap="xs" wrap="nowrap">
                <Checkbox
                  checked={v.selected}
                  disabled={previewing || busy}
                  onChange={(e) => toggle(v.value, e.currentTarget.checked)}
                  label={v.value}
                  data-testid="erasure-value"
                  data-match={v.match}
                />
                <MatchBadge match={v.match} />
                <Text size="xs" c="dimmed">
                  {t('search.erase.places', { count: v.hits })}
                </Text>
              </Group>
            ))}
          </Stack>
          {plan.blocked && (
            <Alert color="yellow" variant="light" role="alert">
              {t('search.erase.blocked')}
            </Alert>
          )}
          {changes.length === 0 ? (
            <Text size="sm">{t('search.erase.nothing', { query: plan.query })}</Text>
          ) : (
            <>
              <Text size="sm" data-testid="erasure-summary">
                {t('search.erase.summary', {
                  count: plan.records,
                  people: t('search.erase.people', { count: plan.people }),
                })}
              </Text>
              <ScrollArea.Autosize mah={380}>
                <Table verticalSpacing="xs" data-testid="erasure-plan">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('search.erase.record')}</Table.Th>
                      <Table.Th>{t('search.erase.field')}</Table.Th>
                      <Table.Th>{t('search.erase.how')}</Table.Th>
                      <Table.Th>{t('search.erase.before')}</Table.Th>
                      <Table.Th>{t('search.erase.after')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {changes.map((c, i) => (
                      <Table.Tr key={`${c.type}/${c.id}/${c.field}/${i}`} data-testid="erasure-change">
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>
                          {pick(lang, c.typeLabelSv, c.typeLabelEn)} {c.id}
                        </Table.Td>
                        <Table.Td>
                          <Text size="xs" ff="monospace">
                            {c.field}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <Badge
                            variant="light"
                            tt="none"
                            styles={{ root: { maxWidth: 'none', height: 'auto' }, label: { overflow: 'visible', whiteSpace: 'normal' } }}
                            color={actionColor[c.action] ?? 'gray'}
                          >
                            {t(`search.erase.action.${c.action as 'clear_link'}`, { defaultValue: c.action })}
                          </Badge>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{c.before}</Text>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{c.after}</Text>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollArea.Autosize>
            </>
          )}
          <Group justify="flex-end">
            <Button
              variant="default"
              loading={exporting}
              disabled={selected.length === 0 || previewing}
              onClick={() => onExport(selected)}
            >
              {t('search.erase.report')}
            </Button>
            <Button variant="default" onClick={onCancel} data-autofocus>
              {t('search.erase.cancel')}
            </Button>
            <Button
              color="red"
              loading={busy}
              disabled={plan.blocked || changes.length === 0 || selected.length === 0 || previewing}
              onClick={() => onConfirm(selected)}
            >
              {t('search.erase.confirm', { count: plan.records })}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
