import { Badge, Button, Group, Loader, Modal, Paper, Stack, Tabs, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBuildingStore, IconClock, IconEdit, IconKey, IconPlus, IconShieldCheck, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '@/components/ui/ErrorAlert';
import { vaultApi, type VaultEntry, type VaultForm, type VaultInfo, type VaultPerson } from '../api/vaultApi';
import { copyWithAutoClear } from '../api/clipboard';
import { useDeleteEntry, useDeleteForm, useVaultEntries } from '../api/useVault';
import { useRevealed } from '../api/useRevealed';
import { AccessPanel } from './AccessPanel';
import { EntryCard } from './EntryCard';
import { EntryEditor } from './EntryEditor';
import { UnlockModal } from './UnlockModal';

const pageSize = 50;

/** One form: its entries (revealed for a while on unlock), its access list and its settings. */
export function FormPanel({ form, info, people, onEdit, marked }: { form: VaultForm; info: VaultInfo; people: VaultPerson[]; onEdit: () => void; marked: string }) {
  const { t } = useTranslation();
  const [limit, setLimit] = useState(pageSize);
  const entries = useVaultEntries(form.id, limit);
  const revealed = useRevealed(info.revealSeconds);
  const deleteForm = useDeleteForm();
  const deleteEntry = useDeleteEntry();
  const [editingEntry, setEditingEntry] = useState<VaultEntry | null | 'new'>(null);
  const [unlockFor, setUnlockFor] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<{ text: string; run: () => void } | null>(null);
  const secondFactor = form.twoFactor && info.secondFactorOn;

  const list = entries.data?.entries ?? [];
  const byCustomer = new Map<string, VaultEntry[]>();
  for (const e of list) {
    const k = form.purpose === 'customer' ? (e.customerNumber ?? '') : '';
    byCustomer.set(k, [...(byCustomer.get(k) ?? []), e]);
  }

  const copy = (value: string) => {
    void copyWithAutoClear(value, info.clipboardSeconds).then(
      () => notifications.show({ color: 'teal', message: t('vault.entries.copied', { seconds: info.clipboardSeconds }) }),
      (e: unknown) => notifications.show({ color: 'red', message: String(e) }),
    );
  };

  return (
    <Stack>
      <Paper withBorder radius="md" p="md">
        <Group justify="space-between" align="flex-start">
          <Stack gap={6}>
            <Title order={3}>{form.name}</Title>
            <Group gap={6}>
              <Badge tt="none" variant="light" leftSection={<IconClock size={12} />}>
                {form.autoDeleteDays > 0 ? t('vault.info.autoDeleteDays', { count: form.autoDeleteDays }) : t('vault.info.autoDeleteNever')}
              </Badge>
              {form.twoFactor && (
                <Badge tt="none" variant="light" color="violet" leftSection={<IconShieldCheck size={12} />}>
                  {t('vault.info.twoFactor')}
                </Badge>
              )}
              <Badge tt="none" variant="light" color={form.canDecrypt ? 'teal' : 'gray'} leftSection={<IconKey size={12} />}>
                {form.canDecrypt ? t('vault.info.canDecrypt') : t('vault.info.readOnly')}
              </Badge>
            </Group>
          </Stack>
          <Group gap="xs">
            {info.isAdmin && (
              <>
                <Button variant="default" size="sm" leftSection={<IconEdit size={16} />} onClick={onEdit}>
                  {t('vault.editForm')}
                </Button>
                <Button
                  variant="subtle"
                  color="red"
                  size="sm"
                  leftSection={<IconTrash size={16} />}
                  onClick={() => setConfirm({ text: t('vault.deleteFormConfirm', { name: form.name }), run: () => deleteForm.mutate(form.id) })}
                >
                  {t('vault.deleteForm')}
                </Button>
              </>
            )}
            {form.canDecrypt && (
              <Button size="sm" leftSection={<IconPlus size={16} />} onClick={() => setEditingEntry('new')}>
                {t('vault.entries.newEntry')}
              </Button>
            )}
          </Group>
        </Group>
      </Paper>
      <Tabs defaultValue="entries" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="entries">
            {t('vault.entries.title')} {entries.data ? `(${entries.data.total})` : ''}
          </Tabs.Tab>
          <Tabs.Tab value="access" rightSection={(form.needsGrant?.length ?? 0) > 0 ? <Badge tt="none" size="xs" color="orange" circle>!</Badge> : undefined}>
            {t('vault.access.title')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="entries" pt="md">
          <Stack>
            {entries.error != null && <ErrorAlert error={entries.error} />}
            {deleteEntry.error != null && <ErrorAlert error={deleteEntry.error} />}
            {entries.isPending && <Loader size="sm" />}
            {entries.data && list.length === 0 && <Text c="dimmed">{t('vault.entries.none')}</Text>}
            {[...byCustomer.entries()].map(([customer, es]) => (
              <Stack key={customer || 'internal'} gap="sm">
                {form.purpose === 'customer' && (
                  <Group gap={6}>
                    <IconBuildingStore size={16} />
                    <Text fw={600}>{t('vault.entries.customer', { number: customer })}</Text>
                  </Group>
                )}
                {es.map((e) => (
                  <div
                    key={e.id}
                    data-testid={e.id === marked ? 'vault-entry-marked' : undefined}
                    ref={e.id === marked ? (el) => el?.scrollIntoView({ block: 'center' }) : undefined}
                    style={e.id === marked ? { outline: '3px solid var(--mantine-primary-color-filled)', borderRadius: 'var(--mantine-radius-md)' } : undefined}
                  >
                  <EntryCard
                    form={form}
                    entry={e}
                    revealed={revealed.get(e.id)}
                    onReveal={() => setUnlockFor(e.id)}
                    onHide={() => revealed.hide(e.id)}
                    onCopy={copy}
                    onEdit={() => setEditingEntry(e)}
                    onDelete={() => setConfirm({ text: t('vault.entries.deleteConfirm'), run: () => deleteEntry.mutate(e.id) })}
                  />
                  </div>
                ))}
              </Stack>
            ))}
            {entries.data && entries.data.total > list.length && (
              <Group justify="center">
                <Button variant="subtle" onClick={() => setLimit(limit + pageSize)}>
                  {t('vault.entries.more')}
                </Button>
              </Group>
            )}
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="access" pt="md">
          <AccessPanel form={form} people={people} isAdmin={info.isAdmin} secondFactor={secondFactor} totpEnrolled={info.totpEnrolled} />
        </Tabs.Panel>
      </Tabs>
      <UnlockModal
        opened={unlockFor !== null}
        purpose="decrypt"
        secondFactor={secondFactor}
        totpEnrolled={info.totpEnrolled}
        onUnlock={async (unlock) => {
          const id = unlockFor ?? '';
          const values = await vaultApi.vaultDecrypt(id, unlock);
          revealed.show(id, values);
        }}
        onClose={() => setUnlockFor(null)}
      />
      <EntryEditor
        opened={editingEntry !== null}
        form={form}
        entry={editingEntry === 'new' ? null : editingEntry}
        secondFactor={secondFactor}
        totpEnrolled={info.totpEnrolled}
        onClose={() => setEditingEntry(null)}
      />
      <Modal opened={confirm !== null} onClose={() => setConfirm(null)} title={t('vault.confirmTitle')} centered size="sm">
        <Stack>
          <Text size="sm">{confirm?.text}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirm(null)}>
              {t('vault.form.cancel')}
            </Button>
            <Button
              color="red"
              data-autofocus
              onClick={() => {
                confirm?.run();
                setConfirm(null);
              }}
            >
              {t('vault.delete')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
