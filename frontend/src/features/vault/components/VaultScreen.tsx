import { Alert, Badge, Button, Center, Grid, Group, Loader, NavLink, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBuildingStore, IconLock, IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '@/components/ui/ErrorAlert';
import { vaultApi, type VaultForm } from '../api/vaultApi';
import { useVaultForms, useVaultInfo, useVaultPeople } from '../api/useVault';
import { FormEditor } from './FormEditor';
import { FormPanel } from './FormPanel';

/**
 * "Säkra uppgifter": forms grouped internal / for customers, their entries and access. The
 * route may name an entry (#/vault/entry/<id>, the event log's link) or a form
 * (#/vault/form/<id>): its form opens and the entry is marked.
 */
export function VaultScreen({ route = [] }: { route?: string[] }) {
  const { t } = useTranslation();
  const linkedEntry = route[0] === 'entry' ? (route[1] ?? '') : '';
  const linkedForm = route[0] === 'form' ? (route[1] ?? '') : '';
  const entry = useQuery({ queryKey: ['vault-entry', linkedEntry], queryFn: () => vaultApi.vaultEntry(linkedEntry), enabled: linkedEntry !== '', retry: false });
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
