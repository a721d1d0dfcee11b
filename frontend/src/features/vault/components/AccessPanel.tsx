import { Alert, Badge, Button, Group, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconKey, IconRefresh, IconUserPlus, IconUsers } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '@/components/ui/ErrorAlert';
import type { VaultForm, VaultMember, VaultPerson, VaultUnlock } from '../api/vaultApi';
import { useGrant, useRevoke, useRotateKey } from '../api/useVault';
import { memberKey } from './FormEditor';
import { UnlockModal, type UnlockPurpose } from './UnlockModal';

interface Props {
  form: VaultForm;
  people: VaultPerson[];
  isAdmin: boolean;
  secondFactor: boolean;
  totpEnrolled: boolean;
}

type Pending = { purpose: UnlockPurpose; run: (u: VaultUnlock) => Promise<unknown> };

/** Who may read and decrypt a form; grant, revoke, re-grant and rotate its key. */
export function AccessPanel({ form, people, isAdmin, secondFactor, totpEnrolled }: Props) {
  const { t } = useTranslation();
  const grant = useGrant();
  const revoke = useRevoke();
  const rotate = useRotateKey();
  const [pick, setPick] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [lost, setLost] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);

  const nameOf = (kind: string, id: string) => people.find((p) => p.kind === kind && p.id === id)?.name ?? id;
  const decrypters = form.decrypters ?? [];
  const readers = form.readers ?? [];
  const needsGrant = form.needsGrant ?? [];
  const canManage = form.canDecrypt;

  const grantTo = (members: VaultMember[]) =>
    setPending({
      purpose: 'grant',
      run: (unlock) =>
        grant.mutateAsync({ formId: form.id, members, unlock }).then(() => {
          setPick(null);
          notifications.show({ color: 'teal', message: t('vault.access.granted') });
        }),
    });

  const doRevoke = (m: VaultMember) => {
    setError(null);
    revoke.mutate(
      { formId: form.id, member: m },
      {
        onSuccess: (users) => {
          setLost(users);
          notifications.show({ color: 'teal', message: t('vault.access.revoked') });
        },
        onError: setError,
      },
    );
  };

  const doRotate = () =>
    setPending({
      purpose: 'rotate',
      run: (unlock) =>
        rotate.mutateAsync({ formId: form.id, unlock }).then(() => {
          setLost([]);
          notifications.show({ color: 'teal', message: t('vault.access.rotated') });
        }),
    });

  const onList = new Set(decrypters.map(memberKey));
  const choices = people.filter((p) => !onList.has(`${p.kind}:${p.id}`)).map((p) => ({
    value: `${p.kind}:${p.id}`,
    label: `${p.name} (${t(`vault.member.${p.kind === 'group' ? 'group' : 'user'}`)})`,
  }));

  return (
    <Stack>
      {needsGrant.length > 0 && (
        <Alert color="orange" variant="light" icon={<IconAlertTriangle />} title={t('vault.access.needsGrant')}>
          <Stack gap="xs">
            <Text size="sm">{t('vault.access.needsGrantHint', { names: needsGrant.map((u) => nameOf('user', u)).join(', ') })}</Text>
            {canManage && (
              <Group>
                <Button
                  size="compact-sm"
                  color="orange"
                  leftSection={<IconKey size={14} />}
                  onClick={() => grantTo(needsGrant.map((id) => ({ kind: 'user', id })))}
                >
                  {t('vault.access.regrant')}
                </Button>
              </Group>
            )}
          </Stack>
        </Alert>
      )}
      {lost.length > 0 && (
        <Alert color="yellow" variant="light" icon={<IconRefresh />}>
          <Stack gap="xs">
            <Text size="sm">{t('vault.access.rotateOffer', { names: lost.map((u) => nameOf('user', u)).join(', ') })}</Text>
            {canManage && (
              <Group>
                <Button size="compact-sm" color="yellow" leftSection={<IconRefresh size={14} />} onClick={doRotate}>
                  {t('vault.access.rotate')}
                </Button>
              </Group>
            )}
          </Stack>
        </Alert>
      )}
      <Paper withBorder p="md" radius="md">
        <Group justify="space-between" mb="sm">
          <Title order={4}>
            <Group gap={6}>
              <IconKey size={18} />
              {t('vault.access.decrypters')}
            </Group>
          </Title>
          {canManage && (
            <Button variant="light" size="compact-sm" leftSection={<IconRefresh size={14} />} onClick={doRotate}>
              {t('vault.access.rotate')}
            </Button>
          )}
        </Group>
        <Table verticalSpacing="xs">
          <Table.Tbody>
            {decrypters.length === 0 && (
              <Table.Tr>
                <Table.Td c="dimmed">{t('vault.access.none')}</Table.Td>
              </Table.Tr>
            )}
            {decrypters.map((m) => (
              <Table.Tr key={memberKey(m)}>
                <Table.Td>
                  <Group gap="xs">
                    {m.kind === 'group' && <IconUsers size={14} />}
                    <Text size="sm">{nameOf(m.kind, m.id)}</Text>
                    {m.kind === 'user' && needsGrant.includes(m.id) && (
                      <Badge tt="none" size="sm" color="orange" variant="light">
                        {t('vault.access.needsGrant')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td w={120} ta="right">
                  {(isAdmin || canManage) && (
                    <Button size="compact-xs" variant="subtle" color="red" loading={revoke.isPending} onClick={() => doRevoke(m)}>
                      {t('vault.access.revoke')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {canManage ? (
          <Group mt="sm" align="flex-end">
            <Select
              style={{ flex: 1 }}
              label={t('vault.access.grantPick')}
              data={choices}
              value={pick}
              onChange={setPick}
              searchable
            />
            <Button
              leftSection={<IconUserPlus size={16} />}
              disabled={!pick}
              onClick={() => {
                if (!pick) return;
                const [kind, ...id] = pick.split(':');
                grantTo([{ kind: kind ?? 'user', id: id.join(':') }]);
              }}
            >
              {t('vault.access.grant')}
            </Button>
          </Group>
        ) : (
          <Text size="xs" c="dimmed" mt="sm">
            {t('vault.access.onlyDecrypters')}
          </Text>
        )}
      </Paper>
      <Paper withBorder p="md" radius="md">
        <Title order={4} mb="sm">
          {t('vault.access.readers')}
        </Title>
        <Text size="sm" c={readers.length ? undefined : 'dimmed'}>
          {readers.length ? readers.map((m) => nameOf(m.kind, m.id)).join(', ') : t('vault.access.none')}
        </Text>
      </Paper>
      {error != null && <ErrorAlert error={error} />}
      <UnlockModal
        opened={pending != null}
        purpose={pending?.purpose ?? 'grant'}
        secondFactor={secondFactor}
        totpEnrolled={totpEnrolled}
        onUnlock={(u) => pending?.run(u) ?? Promise.resolve()}
        onClose={() => setPending(null)}
      />
    </Stack>
  );
}
