import { ActionIcon, Badge, Button, Checkbox, Group, Menu, Modal, Paper, PasswordInput, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDots, IconExternalLink, IconKey, IconPlus, IconShield, IconTrash, IconUserCheck, IconUserOff } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useElementSize } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '@/components/ui/ErrorAlert';
import { usersApi, type UserRow } from '../api/usersApi';
import { errorMessage } from '@/lib/errorMessage';
import { navigate } from '@/lib/router';

const roles = ['admin', 'gdpr_officer', 'staff'] as const;
const usersKey = ['users'] as const;

type Dialog = { kind: 'create' } | { kind: 'roles' | 'reset' | 'delete'; user: UserRow } | null;

/** Settings > Users: who can log in, their roles and login state (admins). */
export function UsersScreen() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const users = useQuery({ queryKey: usersKey, queryFn: () => usersApi.listUsers() });
  const [dialog, setDialog] = useState<Dialog>(null);
  const [error, setError] = useState<unknown>(null);
  // A narrow window drops the e-mail column (it is on the user's record) rather than cutting the table.
  const { ref: frame, width } = useElementSize();
  const wide = width === 0 || width >= 860;

  const run = async (action: () => Promise<unknown>) => {
    setError(null);
    try {
      await action();
      notifications.show({ color: 'teal', message: t('users.saved') });
      await client.invalidateQueries({ queryKey: usersKey });
      setDialog(null);
      return true;
    } catch (reason) {
      setError(reason);
      return false;
    }
  };

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>{t('users.title')}</Title>
          <Text c="dimmed">{t('users.subtitle')}</Text>
        </div>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setDialog({ kind: 'create' })} data-testid="new-user">
          {t('users.newUser')}
        </Button>
      </Group>
      {error !== null && dialog === null && <ErrorAlert error={error} />}
      {users.isError && <ErrorAlert error={users.error} />}
      <Paper withBorder radius="md" ref={frame}>
        <Table.ScrollContainer minWidth={560} type="native">
          <Table highlightOnHover verticalSpacing="sm" data-testid="users-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('users.columns.username')}</Table.Th>
                <Table.Th>{t('users.columns.name')}</Table.Th>
                {wide && <Table.Th>{t('users.columns.email')}</Table.Th>}
                <Table.Th>{t('users.columns.roles')}</Table.Th>
                <Table.Th>{t('users.columns.state')}</Table.Th>
                <Table.Th w={60} aria-label={t('users.columns.actions')} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.data?.map((u) => (
                <Table.Tr key={u.id} data-testid={`user-${u.username}`}>
                  <Table.Td fw={500}>{u.username}</Table.Td>
                  <Table.Td>{u.name}</Table.Td>
                  {wide && <Table.Td>{u.email}</Table.Td>}
                  <Table.Td>
                    <Group gap={4}>
                      {u.roles.map((r) => (
                        <Badge tt="none" key={r} variant="light" color={r === 'admin' ? 'grape' : r === 'gdpr_officer' ? 'blue' : 'gray'}>
                          {t(`auth.roles.${r}`, { defaultValue: r })}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <UserState user={u} />
                  </Table.Td>
                  <Table.Td>
                    <Menu position="bottom-end" withinPortal>
                      <Menu.Target>
                        <ActionIcon variant="subtle" color="gray" aria-label={t('users.columns.actions')}>
                          <IconDots size={18} />
                        </ActionIcon>
                      </Menu.Target>
                      <Menu.Dropdown>
                        <Menu.Item leftSection={<IconExternalLink size={16} />} onClick={() => navigate('records', 'user', u.id)}>
                          {t('users.actions.open')}
                        </Menu.Item>
                        <Menu.Item leftSection={<IconShield size={16} />} onClick={() => setDialog({ kind: 'roles', user: u })}>
                          {t('users.actions.roles')}
                        </Menu.Item>
                        <Menu.Item leftSection={<IconKey size={16} />} onClick={() => setDialog({ kind: 'reset', user: u })}>
                          {t('users.actions.resetPassword')}
                        </Menu.Item>
                        {u.active ? (
                          <Menu.Item leftSection={<IconUserOff size={16} />} onClick={() => void run(() => usersApi.setUserActive(u.id, false))}>
                            {t('users.actions.deactivate')}
                          </Menu.Item>
                        ) : (
                          <Menu.Item leftSection={<IconUserCheck size={16} />} onClick={() => void run(() => usersApi.setUserActive(u.id, true))}>
                            {t('users.actions.activate')}
                          </Menu.Item>
                        )}
                        <Menu.Item color="red" leftSection={<IconTrash size={16} />} onClick={() => setDialog({ kind: 'delete', user: u })}>
                          {t('users.actions.delete')}
                        </Menu.Item>
                      </Menu.Dropdown>
                    </Menu>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      {dialog?.kind === 'create' && <CreateUserModal error={error} onClose={() => setDialog(null)} onSubmit={(input) => run(() => usersApi.createUser(input))} />}
      {dialog?.kind === 'roles' && (
        <RolesModal user={dialog.user} error={error} onClose={() => setDialog(null)} onSubmit={(next) => run(() => usersApi.setUserRoles(dialog.user.id, next))} />
      )}
      {dialog?.kind === 'reset' && (
        <ResetModal user={dialog.user} error={error} onClose={() => setDialog(null)} onSubmit={(pw) => run(() => usersApi.resetUserPassword(dialog.user.id, pw))} />
      )}
      {dialog?.kind === 'delete' && (
        <FormModal title={dialog.user.username} error={error} onClose={() => setDialog(null)} onSubmit={() => void run(() => usersApi.deleteUser(dialog.user.id))} danger>
          <Text>{t('users.deleteConfirm', { username: dialog.user.username })}</Text>
        </FormModal>
      )}
    </Stack>
  );
}

function UserState({ user }: { user: UserRow }) {
  const { t } = useTranslation();
  if (user.status === 'deleted') return <Badge tt="none" color="red" variant="outline">{t('users.state.deleted')}</Badge>;
  if (!user.hasPassword) return <Badge tt="none" color="gray" variant="outline">{t('users.state.noPassword')}</Badge>;
  return user.active ? <Badge tt="none" color="teal" variant="dot">{t('users.state.active')}</Badge> : <Badge tt="none" color="orange" variant="dot">{t('users.state.inactive')}</Badge>;
}

function FormModal({ title, error, onClose, onSubmit, children, danger }: { title: string; error: unknown; onClose: () => void; onSubmit: () => void; children: ReactNode; danger?: boolean }) {
  const { t } = useTranslation();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit();
  };
  return (
    <Modal opened onClose={onClose} title={title}>
      <form onSubmit={submit}>
        <Stack gap="sm">
          {error !== null && (
            <Text c="red" size="sm" role="alert">
              {errorMessage(t, error)}
            </Text>
          )}
          {children}
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t('users.form.cancel')}
            </Button>
            <Button type="submit" color={danger ? 'red' : undefined} data-testid="user-dialog-submit">
              {danger ? t('users.actions.delete') : t('users.form.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function RoleChecks({ value, onChange }: { value: string[]; onChange: (v: string[]) => void }) {
  const { t } = useTranslation();
  return (
    <Checkbox.Group label={t('users.form.roles')} value={value} onChange={onChange}>
      <Group mt={4}>
        {roles.map((r) => (
          <Checkbox key={r} value={r} label={t(`auth.roles.${r}`)} />
        ))}
      </Group>
    </Checkbox.Group>
  );
}

function CreateUserModal({ error, onClose, onSubmit }: { error: unknown; onClose: () => void; onSubmit: (input: { username: string; name: string; email: string; password: string; roles: string[] }) => Promise<boolean> }) {
  const { t } = useTranslation();
  const [form, setForm] = useState({ username: '', name: '', email: '', password: '' });
  const [chosen, setChosen] = useState<string[]>(['staff']);
  // Read the value now: React clears the event's currentTarget before the updater runs.
  const set = (key: keyof typeof form) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setForm((f) => ({ ...f, [key]: value }));
  };
  return (
    <FormModal title={t('users.form.createTitle')} error={error} onClose={onClose} onSubmit={() => void onSubmit({ ...form, roles: chosen })}>
      <TextInput label={t('users.form.username')} value={form.username} onChange={set('username')} required data-autofocus name="username" />
      <TextInput label={t('users.form.name')} value={form.name} onChange={set('name')} name="name" />
      <TextInput label={t('users.form.email')} value={form.email} onChange={set('email')} name="email" />
      <PasswordInput label={t('users.form.password')} description={t('auth.firstRun.passwordHint')} value={form.password} onChange={set('password')} required name="password" />
      <RoleChecks value={chosen} onChange={setChosen} />
    </FormModal>
  );
}

function RolesModal({ user, error, onClose, onSubmit }: { user: UserRow; error: unknown; onClose: () => void; onSubmit: (roles: string[]) => Promise<boolean> }) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<string[]>(user.roles);
  return (
    <FormModal title={t('users.form.rolesTitle', { username: user.username })} error={error} onClose={onClose} onSubmit={() => void onSubmit(chosen)}>
      <RoleChecks value={chosen} onChange={setChosen} />
    </FormModal>
  );
}

function ResetModal({ user, error, onClose, onSubmit }: { user: UserRow; error: unknown; onClose: () => void; onSubmit: (pw: string) => Promise<boolean> }) {
  const { t } = useTranslation();
  const [pw, setPw] = useState('');
  return (
    <FormModal title={t('users.form.resetTitle', { username: user.username })} error={error} onClose={onClose} onSubmit={() => void onSubmit(pw)}>
      <PasswordInput label={t('users.form.password')} description={t('auth.firstRun.passwordHint')} value={pw} onChange={(e) => setPw(e.currentTarget.value)} required data-autofocus />
    </FormModal>
  );
}
