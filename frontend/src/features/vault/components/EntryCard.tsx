import { ActionIcon, Anchor, Badge, Button, Card, Group, Table, Text, Tooltip } from '@mantine/core';
import { IconCopy, IconEdit, IconEye, IconEyeOff, IconLock, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '@/lib/format';
import type { VaultEntry, VaultForm } from '../api/vaultApi';

interface Props {
  form: VaultForm;
  entry: VaultEntry;
  /** Decrypted values while they are shown, with the seconds left. */
  revealed: { values: Record<string, string>; secondsLeft: number } | null;
  onReveal: () => void;
  onHide: () => void;
  onCopy: (value: string) => void;
  onEdit: () => void;
  onDelete: () => void;
}

/** One entry: plain values, encrypted ones hidden until unlocked. */
export function EntryCard({ form, entry, revealed, onReveal, onHide, onCopy, onEdit, onDelete }: Props) {
  const { t, i18n } = useTranslation();
  const sealed = new Set(entry.encrypted ?? []);
  const hasSealed = sealed.size > 0;
  const created = typeof entry.createdAt === 'string' && entry.createdAt ? formatDate(entry.createdAt, i18n.language) : '';
  return (
    <Card withBorder radius="md" padding="md" data-testid={`entry-${entry.id}`}>
      <Group justify="space-between" mb="xs">
        <Text size="xs" c="dimmed">
          {t('vault.entries.created', { date: created })}
        </Text>
        <Group gap={6}>
          {revealed && (
            <Badge tt="none" variant="light" color="orange" data-testid="reveal-countdown">
              {t('vault.entries.hidesIn', { seconds: revealed.secondsLeft })}
            </Badge>
          )}
          {hasSealed && form.canDecrypt && !revealed && (
            <Button size="compact-sm" variant="light" leftSection={<IconEye size={14} />} onClick={onReveal}>
              {t('vault.entries.show')}
            </Button>
          )}
          {revealed && (
            <Button size="compact-sm" variant="subtle" leftSection={<IconEyeOff size={14} />} onClick={onHide}>
              {t('vault.entries.hide')}
            </Button>
          )}
          {form.canDecrypt && (
            <>
              <Tooltip label={t('vault.entries.editEntry')}>
                <ActionIcon variant="subtle" aria-label={t('vault.entries.editEntry')} onClick={onEdit}>
                  <IconEdit size={16} />
                </ActionIcon>
              </Tooltip>
              <Tooltip label={t('vault.entries.deleteEntry')}>
                <ActionIcon variant="subtle" color="red" aria-label={t('vault.entries.deleteEntry')} onClick={onDelete}>
                  <IconTrash size={16} />
                </ActionIcon>
              </Tooltip>
            </>
          )}
        </Group>
      </Group>
      <Table verticalSpacing={6} withRowBorders={false}>
        <Table.Tbody>
          {form.fields.map((f) => {
            const plain = entry.plain?.[f.id];
            const value = f.encrypted ? revealed?.values[f.id] : plain;
            let cell;
            if (f.encrypted && sealed.has(f.id) && value === undefined) {
              cell = (
                <Badge tt="none" variant="outline" color="gray" leftSection={<IconLock size={11} />}>
                  {t('vault.entries.hidden')}
                </Badge>
              );
            } else if (value === undefined || value === '') {
              cell = <Text c="dimmed">–</Text>;
            } else {
              cell = (
                <Group gap={6} wrap="nowrap">
                  {f.kind === 'url' && !f.encrypted ? (
                    <Anchor href={value} target="_blank" rel="noreferrer" size="sm">
                      {value}
                    </Anchor>
                  ) : (
                    <Text size="sm" ff={f.encrypted ? 'monospace' : undefined} style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }} data-revealed={f.encrypted ? 'true' : undefined}>
                      {value}
                    </Text>
                  )}
                  {f.encrypted && (
                    <Tooltip label={t('vault.entries.copy')}>
                      <ActionIcon size="sm" variant="subtle" aria-label={`${t('vault.entries.copy')} ${f.name}`} onClick={() => onCopy(value)}>
                        <IconCopy size={14} />
                      </ActionIcon>
                    </Tooltip>
                  )}
                </Group>
              );
            }
            return (
              <Table.Tr key={f.id}>
                <Table.Td w="32%">
                  <Group gap={4} wrap="nowrap">
                    {f.encrypted && <IconLock size={12} color="var(--mantine-color-teal-6)" />}
                    <Text size="sm" fw={500} c="dimmed">
                      {f.name}
                    </Text>
                  </Group>
                </Table.Td>
                <Table.Td>{cell}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Card>
  );
}
