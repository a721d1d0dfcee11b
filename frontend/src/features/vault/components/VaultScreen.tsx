import {
  Alert,
  Badge,
  Button,
  Center,
  Grid,
  Group,
  Loader,
  Modal,
  NavLink,
  Paper,
  Stack,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBuildingStore, IconClock, IconEdit, IconKey, IconLock, IconPlus, IconShieldCheck, IconTrash } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '@/components/ui/ErrorAlert';
import type { VaultEntry, VaultForm, VaultInfo, VaultPerson } from '@/lib/backend';
import { securityBackend as backend } from '@/lib/backend';
import { copyWithAutoClear } from '../api/clipboard';
import { useDeleteEntry, useDeleteForm, useVaultEntries, useVaultForms, useVaultInfo, useVaultPeople } from '../api/useVault';
import { useRevealed } from '../api/useRevealed';
import { AccessPanel } from './AccessPanel';
import { EntryCard } from './EntryCard';
import { EntryEditor } from './EntryEditor';
import { FormEditor } from './FormEditor';
import { UnlockModal } from './UnlockModal';

const pageSize = 50;

/**
 * "Säkra uppgifter": forms grouped internal / for customers, their entries and access. The
 * route may name an entry (#/vault/entry/<id>, the event log's link) or a form
 * (#/vault/form/<id>): its form opens and the entry is marked.
 */
export function VaultScreen({ route = [] }: { route?: string[] }) {
  const { t } = useTranslation();
  const linkedEntry = route[0] === 'entry' ? (route[1] ?? '') : '';
  const linkedForm = route[0] === 'form' ? (route[1] ?? '') : '';
  const entry = useQuery({ queryKey: ['vault-entry', linkedEntry], queryFn: () => backend.vaultEntry(linkedEntry), enabled: linkedEntry !== '', retry: false });
  const info = useVaultInfo();
  const forms = useVaultForms();
  const people = useVaultPeople();
  const [selected, setSelected] = useState<string | null>(null);
  const [editing, setEditing] = useState<VaultForm | null | 'new'>(null);

  if (forms.isPending || info.isPending) {
    return (
      <Center h={240}>
        <Loader aria-label={t('vault.loading')} />
      </Center>
    );
  }
  if (forms.error || info.error) return <ErrorAlert error={forms.error ?? info.error} />;

  const all = forms.data ?? [];
  const wanted = selected ?? (entry.data?.formId || linkedForm || null);
  const current = all.find((f) => f.id === wanted) ?? all[0] ?? null;
  const isAdmin = info.data?.isAdmin ?? false;
  const groups = [
    { key: 'internal', label: t('vault.groupInternal'), icon: <IconLock size={16} />, forms: all.filter((f) => f.purpose === 'internal') },
    { key: 'customer', label: t('vault.groupCustomer'), icon: <IconBuildingStore size={16} />, forms: all.filter((f) => f.purpose === 'customer') },
  ];

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2}>{t('vault.title')}</Title>
          <Text c="dimmed" size="sm">
            {t('vault.subtitle')}
          </Text>
        </div>
        {isAdmin && (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
            {t('vault.newForm')}
          </Button>
        )}
      </Group>
      {linkedEntry && entry.isError && (
        <Alert color="orange" data-testid="vault-link-missing">
          {t('vault.linkMissing', { id: linkedEntry })}
        </Alert>
      )}
      {all.length === 0 ? (
        <Paper withBorder p="xl" radius="md">
          <Text c="dimmed" ta="center">
            {isAdmin ? t('vault.noFormsAdmin') : t('vault.noForms')}
          </Text>
        </Paper>
      ) : (
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 3 }}>
            <Paper withBorder radius="md" p="xs">
              {groups.map((g) =>
                g.forms.length === 0 ? null : (
                  <Stack key={g.key} gap={2} mb="sm">
                    <Group gap={6} px="xs" py={4}>
                      {g.icon}
                      <Text size="xs" fw={700} tt="uppercase" c="dimmed">
                        {g.label}
                      </Text>
                    </Group>
                    {g.forms.map((f) => (
                      <NavLink
                        key={f.id}
                        label={f.name}
                        active={current?.id === f.id}
                        onClick={() => setSelected(f.id)}
                        variant="light"
                        style={{ borderRadius: 'var(--mantine-radius-sm)' }}
                        rightSection={
                          (f.needsGrant?.length ?? 0) > 0 ? (
                            <Badge tt="none" size="xs" color="orange" variant="filled" circle>
                              !
                            </Badge>
                          ) : undefined
                        }
                      />
                    ))}
                  </Stack>
                ),
              )}
            </Paper>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 9 }}>
            {current && info.data && (
              <FormPanel key={current.id} form={current} info={info.data} people={people.data ?? []} onEdit={() => setEditing(current)} marked={entry.data?.formId === current.id ? linkedEntry : ''} />
            )}
          </Grid.Col>
        </Grid>
      )}
      <FormEditor
        opened={editing !== null}
        form={editing === 'new' ? null : editing}
        people={people.data ?? []}
        onClose={() => setEditing(null)}
        onSaved={(f) => {
          setSelected(f.id);
          notifications.show({ color: 'teal', message: t('vault.form.saved') });
        }}
      />
    </Stack>
  );
}

function FormPanel({ form, info, people, onEdit, marked }: { form: VaultForm; info: VaultInfo; people: VaultPerson[]; onEdit: () => void; marked: string }) {
  const { t } = useTranslation();
  const [limit, setLimit] = useState(pageSize);
  const entries = useVaultEntries(form.id, limit);
  const revealed = useRevealed(info.revealSeconds);
  const deleteForm = useDeleteForm();
  const deleteEntry = useDeleteEntry();
  const [editingEntry, setEditingEntry] = useState<VaultEntry | null | 'new'>(null);
  const [unlockFor, setUnlockFor] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<{ text: string; run: () => void } | null>(null);
  const secondFactor = form.twoFactor || info.secondFactorOn; // the form asks, or the switch makes every form ask

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
          const values = await backend.vaultDecrypt(id, unlock);
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
