import { Alert, Badge, Button, Center, Group, Loader, Paper, PasswordInput, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { IconKeyOff, IconSend } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '@/components/ui/ErrorAlert';
import { smsApi, type SMSSettings } from '../api/smsApi';

const smsKey = ['sms', 'settings'] as const;

/** Settings > SMS: provider, credentials (kept in the OS keyring), sender name, test SMS. */
export function SmsSettingsScreen() {
  const { t } = useTranslation();
  const settings = useQuery({ queryKey: smsKey, queryFn: smsApi.smsSettings });
  if (settings.isPending) {
    return (
      <Center h={200}>
        <Loader />
      </Center>
    );
  }
  if (settings.error) return <ErrorAlert error={settings.error} />;
  return (
    <Stack gap="lg" maw={720}>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2}>{t('sms.title')}</Title>
          <Text c="dimmed" size="sm">
            {t('sms.subtitle')}
          </Text>
        </div>
        <Badge tt="none" size="lg" variant="light" color={settings.data.configured ? 'teal' : 'gray'} data-testid="sms-status">
          {settings.data.configured ? t('sms.configured') : t('sms.notConfigured')}
        </Badge>
      </Group>
      {settings.data.keyringUnavailable && (
        <Alert color="red" variant="light" icon={<IconKeyOff />} title={t('sms.keyringTitle')}>
          {t('sms.keyringText')}
        </Alert>
      )}
      <SettingsForm key={`${settings.data.provider}/${settings.data.senderName}`} current={settings.data} />
      {settings.data.configured && <TestSms />}
    </Stack>
  );
}

function SettingsForm({ current }: { current: SMSSettings }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [provider, setProvider] = useState(current.provider || '46elks');
  const [sender, setSender] = useState(current.senderName || 'Dataskydd');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const invalidate = () => client.invalidateQueries({ queryKey: ['sms'] }).then(() => client.invalidateQueries({ queryKey: ['twofactor'] }));
  const save = useMutation({
    mutationFn: () => smsApi.saveSmsSettings({ provider, senderName: sender, username, password }),
    onSuccess: () => {
      setUsername('');
      setPassword('');
      notifications.show({ color: 'teal', message: t('sms.saved') });
      return invalidate();
    },
  });
  const remove = useMutation({
    mutationFn: () => smsApi.removeSmsSettings(),
    onSuccess: () => {
      notifications.show({ color: 'teal', message: t('sms.removed') });
      return invalidate();
    },
  });
  const keep = current.configured && provider === current.provider;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <Paper withBorder radius="md" p="md">
      <form onSubmit={submit}>
        <Stack>
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t('sms.provider')}
            </Text>
            <SegmentedControl
              value={provider}
              onChange={setProvider}
              data={(current.providers?.length ? current.providers : ['46elks', 'twilio']).map((p) => ({
                value: p,
                label: t(`sms.provider_${p === 'twilio' ? 'twilio' : '46elks'}`),
              }))}
            />
          </Stack>
          <Group grow align="flex-start">
            <TextInput
              label={t(`sms.username_${provider === 'twilio' ? 'twilio' : '46elks'}`)}
              value={username}
              onChange={(e) => setUsername(e.currentTarget.value)}
              description={keep ? t('sms.keepCredentials') : undefined}
              required={!keep}
              autoComplete="off"
            />
            <PasswordInput
              label={t(`sms.password_${provider === 'twilio' ? 'twilio' : '46elks'}`)}
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              description={keep ? t('sms.keepCredentials') : undefined}
              required={!keep}
              autoComplete="off"
            />
          </Group>
          <TextInput
            label={t('sms.senderName')}
            description={t('sms.senderHint')}
            value={sender}
            onChange={(e) => setSender(e.currentTarget.value)}
            required
            maw={320}
          />
          {save.error != null && <ErrorAlert error={save.error} />}
          {remove.error != null && <ErrorAlert error={remove.error} />}
          <Group justify="space-between">
            {current.provider ? (
              <Button variant="subtle" color="red" onClick={() => remove.mutate()} loading={remove.isPending}>
                {t('sms.remove')}
              </Button>
            ) : (
              <span />
            )}
            <Button type="submit" loading={save.isPending}>
              {t('sms.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function TestSms() {
  const { t } = useTranslation();
  const [to, setTo] = useState('');
  const send = useMutation({
    mutationFn: () => smsApi.sendTestSms(to),
    onSuccess: () => notifications.show({ color: 'teal', message: t('sms.testSent', { to }) }),
  });
  return (
    <Paper withBorder radius="md" p="md">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          send.mutate();
        }}
      >
        <Stack>
          <Title order={4}>{t('sms.testTitle')}</Title>
          <Group align="flex-end">
            <TextInput label={t('sms.testTo')} value={to} onChange={(e) => setTo(e.currentTarget.value)} placeholder="070-123 45 67" required w={260} />
            <Button type="submit" leftSection={<IconSend size={16} />} loading={send.isPending}>
              {t('sms.testSend')}
            </Button>
          </Group>
          {send.error != null && <ErrorAlert error={send.error} />}
        </Stack>
      </form>
    </Paper>
  );
}
