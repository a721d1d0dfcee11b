import { Badge, Button, Center, Checkbox, Group, Loader, Paper, SegmentedControl, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '@/components/ui/ErrorAlert';
import { portalApi, type PortalSettings } from '../api/portalApi';

const portalKey = ['portal'] as const;

/**
 * Settings > Kundportal: the portal's address, TLS files and public URL, starting and
 * stopping it inside the app, invitations, and the erasure-request queue. Admins see
 * everything; a GDPR officer sees the queue.
 */
export function PortalSettingsScreen({ admin }: { admin: boolean }) {
  const { t } = useTranslation();
  return (
    <Stack gap="lg" maw={820}>
      <div>
        <Title order={2}>{t('portal.title')}</Title>
        <Text c="dimmed" size="sm">
          {t('portal.subtitle')}
        </Text>
      </div>
      {admin && <AdminPart />}
      <ErasureQueue />
    </Stack>
  );
}

function AdminPart() {
  const settings = useQuery({ queryKey: [...portalKey, 'settings'], queryFn: portalApi.settings });
  if (settings.isPending) {
    return (
      <Center h={120}>
        <Loader />
      </Center>
    );
  }
  if (settings.error) return <ErrorAlert error={settings.error} />;
  return (
    <>
      <RunState />
      <SettingsForm current={settings.data} />
      <InviteForm />
    </>
  );
}

function RunState() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const status = useQuery({ queryKey: [...portalKey, 'status'], queryFn: portalApi.status });
  const refresh = () => client.invalidateQueries({ queryKey: [...portalKey, 'status'] });
  const start = useMutation({ mutationFn: portalApi.start, onSuccess: refresh });
  const stop = useMutation({ mutationFn: portalApi.stop, onSuccess: refresh });
  const running = status.data?.running ?? false;
  return (
    <Paper withBorder p="md">
      <Group justify="space-between">
        <Badge tt="none" size="lg" variant="light" color={running ? 'teal' : 'gray'} data-testid="portal-status">
          {running ? t('portal.running', { addr: status.data?.addr }) : t('portal.stopped')}
        </Badge>
        {running ? (
          <Button color="red" variant="light" loading={stop.isPending} onClick={() => stop.mutate()}>
            {t('portal.stop')}
          </Button>
        ) : (
          <Button loading={start.isPending} onClick={() => start.mutate()} data-testid="portal-start">
            {t('portal.start')}
          </Button>
        )}
      </Group>
      {(start.error ?? stop.error) && <ErrorAlert error={start.error ?? stop.error} />}
    </Paper>
  );
}

function SettingsForm({ current }: { current: PortalSettings }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [s, setS] = useState<PortalSettings>(current);
  const save = useMutation({
    mutationFn: () => portalApi.saveSettings(s),
    onSuccess: () => {
      notifications.show({ color: 'teal', message: t('portal.saved') });
      return client.invalidateQueries({ queryKey: portalKey });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const text = (key: 'listen' | 'tls_cert' | 'tls_key' | 'public_url' | 'contact', label: string, hint?: string) => (
    <TextInput label={label} description={hint} value={s[key]} onChange={(e) => setS({ ...s, [key]: e.currentTarget.value })} data-testid={`portal-${key}`} />
  );
  return (
    <Paper withBorder p="md" component="form" onSubmit={submit}>
      <Stack gap="sm">
        <Checkbox label={t('portal.enabled')} checked={s.enabled} onChange={(e) => setS({ ...s, enabled: e.currentTarget.checked })} />
        {text('listen', t('portal.listen'), t('portal.listenHint'))}
        {text('tls_cert', t('portal.tlsCert'))}
        {text('tls_key', t('portal.tlsKey'))}
        <Checkbox label={t('portal.behindProxy')} checked={s.behind_proxy} onChange={(e) => setS({ ...s, behind_proxy: e.currentTarget.checked })} />
        {text('public_url', t('portal.publicUrl'))}
        {text('contact', t('portal.contact'))}
        {save.error && <ErrorAlert error={save.error} />}
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('portal.save')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function InviteForm() {
  const { t } = useTranslation();
  const [kind, setKind] = useState('customer');
  const [id, setId] = useState('');
  const invite = useMutation({ mutationFn: () => portalApi.invite(kind, id.trim()) });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    invite.mutate();
  };
  return (
    <Paper withBorder p="md" component="form" onSubmit={submit}>
      <Stack gap="sm">
        <Title order={4}>{t('portal.inviteTitle')}</Title>
        <SegmentedControl
          value={kind}
          onChange={setKind}
          data={[
            { value: 'customer', label: t('portal.kindCustomer') },
            { value: 'contact_person', label: t('portal.kindContact') },
          ]}
        />
        <TextInput label={t('portal.inviteId')} value={id} onChange={(e) => setId(e.currentTarget.value)} required data-testid="portal-invite-id" />
        {invite.error && <ErrorAlert error={invite.error} />}
        {invite.data && (
          <Text size="sm" data-testid="portal-invite-link">
            {t('portal.inviteLink', { email: invite.data.email, expires: new Date(invite.data.expires).toLocaleString() })}
            <br />
            <code>{invite.data.link}</code>
          </Text>
        )}
        <Group>
          <Button type="submit" loading={invite.isPending}>
            {t('portal.invite')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function ErasureQueue() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const queue = useQuery({ queryKey: [...portalKey, 'erasure'], queryFn: portalApi.erasureRequests });
  const close = useMutation({
    mutationFn: ({ id, status }: { id: string; status: 'done' | 'rejected' }) => portalApi.closeErasureRequest(id, status),
    onSuccess: () => client.invalidateQueries({ queryKey: [...portalKey, 'erasure'] }),
  });
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={4}>{t('portal.queueTitle')}</Title>
        <Text c="dimmed" size="sm">
          {t('portal.queueHint')}
        </Text>
        {queue.error && <ErrorAlert error={queue.error} />}
        {close.error && <ErrorAlert error={close.error} />}
        {queue.data && queue.data.length === 0 && <Text size="sm">{t('portal.queueEmpty')}</Text>}
        {queue.data && queue.data.length > 0 && (
          <Table data-testid="portal-erasure-queue">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('portal.person')}</Table.Th>
                <Table.Th>{t('portal.created')}</Table.Th>
                <Table.Th>{t('portal.status')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {queue.data.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>
                    {r.email} ({r.person_kind} {r.person_id})
                  </Table.Td>
                  <Table.Td>{new Date(r.created).toLocaleString()}</Table.Td>
                  <Table.Td>{t(`portal.status_${r.status as 'open' | 'done' | 'rejected'}`)}</Table.Td>
                  <Table.Td>
                    {r.status === 'open' && (
                      <Group gap="xs">
                        <Button size="xs" variant="light" onClick={() => close.mutate({ id: r.id, status: 'done' })}>
                          {t('portal.markDone')}
                        </Button>
                        <Button size="xs" variant="subtle" color="red" onClick={() => close.mutate({ id: r.id, status: 'rejected' })}>
                          {t('portal.reject')}
                        </Button>
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Paper>
  );
}
