import { Badge, Button, Center, Code, Group, Image, Loader, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDeviceDesktop, IconDeviceMobile, IconQrcode, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '@/lib/format';
import { ErrorAlert } from '@/components/ui/ErrorAlert';
import type { TOTPEnrolment } from '../api/twoFactorApi';
import { useMyTwoFactor, useRemoveDevice, useTotp } from '../api/useTwoFactor';

function formatDate(value: unknown, lang: string): string {
  if (typeof value !== 'string' || value === '') return '–';
  return formatDateTime(value, lang);
}

/** The user's own trusted devices and authenticator app. */
export function MyTwoFactorScreen() {
  const { t, i18n } = useTranslation();
  const mine = useMyTwoFactor();
  const remove = useRemoveDevice();
  if (mine.isPending) {
    return (
      <Center h={200}>
        <Loader />
      </Center>
    );
  }
  if (mine.error) return <ErrorAlert error={mine.error} />;
  const devices = mine.data.devices ?? [];
  return (
    <Stack gap="lg" maw={860}>
      <div>
        <Title order={2}>{t('twofactor.my.title')}</Title>
        <Text c="dimmed" size="sm">
          {t('twofactor.my.subtitle')}
        </Text>
      </div>
      <Paper withBorder radius="md" p="md">
        <Title order={4} mb="sm">
          {t('twofactor.my.devices')}
        </Title>
        {devices.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('twofactor.my.noDevices')}
          </Text>
        ) : (
          <Table verticalSpacing="xs" data-testid="trusted-devices">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('twofactor.my.device')}</Table.Th>
                <Table.Th>{t('twofactor.my.firstUsed')}</Table.Th>
                <Table.Th>{t('twofactor.my.lastUsed')}</Table.Th>
                <Table.Th>{t('twofactor.my.expires')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {devices.map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <IconDeviceDesktop size={16} />
                      {d.this_device ? (
                        <Badge tt="none" variant="light" color="teal">
                          {t('twofactor.my.thisDevice')}
                        </Badge>
                      ) : (
                        <Text size="sm">{t('twofactor.my.otherDevice')}</Text>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>{formatDate(d.first_used, i18n.language)}</Table.Td>
                  <Table.Td>{formatDate(d.last_used, i18n.language)}</Table.Td>
                  <Table.Td>{formatDate(d.expires, i18n.language)}</Table.Td>
                  <Table.Td ta="right">
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      color="red"
                      leftSection={<IconTrash size={14} />}
                      loading={remove.isPending}
                      onClick={() =>
                        remove.mutate(d.id, { onSuccess: () => notifications.show({ color: 'teal', message: t('twofactor.my.removed') }) })
                      }
                    >
                      {t('twofactor.my.remove')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {remove.error != null && <ErrorAlert error={remove.error} />}
      </Paper>
      <TotpPanel enrolled={mine.data.totpEnrolled} />
    </Stack>
  );
}

function TotpPanel({ enrolled }: { enrolled: boolean }) {
  const { t } = useTranslation();
  const { start, confirm, remove } = useTotp();
  const [enrolment, setEnrolment] = useState<TOTPEnrolment | null>(null);
  const [code, setCode] = useState('');
  const error = start.error ?? confirm.error ?? remove.error;
  return (
    <Paper withBorder radius="md" p="md">
      <Group gap="xs" mb="xs">
        <IconDeviceMobile size={18} />
        <Title order={4}>{t('twofactor.totp.title')}</Title>
        <Badge tt="none" variant="light" color={enrolled ? 'teal' : 'gray'}>
          {enrolled ? t('twofactor.totp.enrolled') : t('twofactor.totp.notEnrolled')}
        </Badge>
      </Group>
      <Text size="sm" c="dimmed" mb="md">
        {t('twofactor.totp.intro')}
      </Text>
      {enrolment ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            confirm.mutate(code, {
              onSuccess: () => {
                setEnrolment(null);
                setCode('');
                notifications.show({ color: 'teal', message: t('twofactor.totp.confirmed') });
              },
            });
          }}
        >
          <Stack>
            <Text size="sm">{t('twofactor.totp.scan')}</Text>
            <Group align="flex-start" gap="lg">
              <Image src={enrolment.qrDataUrl} alt={t('twofactor.totp.qrAlt')} w={192} h={192} radius="sm" bg="white" p={6} />
              <Stack gap="xs" style={{ flex: 1 }}>
                <Text size="sm" fw={500}>
                  {t('twofactor.totp.secret')}
                </Text>
                <Code block data-testid="totp-secret">
                  {enrolment.secret}
                </Code>
                <TextInput
                  label={t('twofactor.totp.code')}
                  value={code}
                  onChange={(e) => setCode(e.currentTarget.value)}
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  data-autofocus
                  autoFocus
                  w={220}
                />
                <Group>
                  <Button type="submit" loading={confirm.isPending} disabled={code.trim().length < 6}>
                    {t('twofactor.totp.confirm')}
                  </Button>
                  <Button variant="default" onClick={() => setEnrolment(null)}>
                    {t('twofactor.totp.cancel')}
                  </Button>
                </Group>
              </Stack>
            </Group>
          </Stack>
        </form>
      ) : (
        <Group>
          <Button leftSection={<IconQrcode size={16} />} loading={start.isPending} onClick={() => start.mutate(undefined, { onSuccess: setEnrolment })}>
            {enrolled ? t('twofactor.totp.restart') : t('twofactor.totp.start')}
          </Button>
          {enrolled && (
            <Button
              variant="subtle"
              color="red"
              loading={remove.isPending}
              onClick={() => remove.mutate(undefined, { onSuccess: () => notifications.show({ color: 'teal', message: t('twofactor.totp.removed') }) })}
            >
              {t('twofactor.totp.remove')}
            </Button>
          )}
        </Group>
      )}
      {error != null && (
        <Stack mt="sm">
          <ErrorAlert error={error} />
        </Stack>
      )}
    </Paper>
  );
}
