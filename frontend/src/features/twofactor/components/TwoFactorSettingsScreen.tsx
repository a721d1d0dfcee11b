import { Alert, Badge, Button, Center, Group, Loader, NumberInput, Paper, Stack, Switch, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDeviceDesktop, IconMessageOff } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '@/components/ui/ErrorAlert';
import { pick } from '@/lib/i18n/pick';
import type { FlowSetting } from '../api/twoFactorApi';
import { useSetDevicePeriod, useSetFlow, useTwoFactorSettings } from '../api/useTwoFactor';

/** Settings > Two-factor authentication: a switch per flow, the trusted-device period. */
export function TwoFactorSettingsScreen() {
  const { t } = useTranslation();
  const settings = useTwoFactorSettings();
  if (settings.isPending) {
    return (
      <Center h={200}>
        <Loader />
      </Center>
    );
  }
  if (settings.error) return <ErrorAlert error={settings.error} />;
  const s = settings.data;
  return (
    <Stack gap="lg" maw={860}>
      <div>
        <Title order={2}>{t('twofactor.settings.title')}</Title>
        <Text c="dimmed" size="sm">
          {t('twofactor.settings.subtitle')}
        </Text>
      </div>
      {!s.smsConfigured && (
        <Alert color="orange" variant="light" icon={<IconMessageOff />} title={t('twofactor.settings.smsMissingTitle')} data-testid="sms-missing">
          {t('twofactor.settings.smsMissing')}
        </Alert>
      )}
      <Paper withBorder radius="md" p="md">
        <Title order={4} mb="sm">
          {t('twofactor.settings.flows')}
        </Title>
        <Stack gap="sm">
          {(s.flows ?? []).map((f) => (
            <FlowRow key={f.flow} flow={f} smsConfigured={s.smsConfigured} />
          ))}
        </Stack>
      </Paper>
      <DevicePeriod days={s.devicePeriodDays} min={s.minDays} max={s.maxDays} />
    </Stack>
  );
}

function FlowRow({ flow, smsConfigured }: { flow: FlowSetting; smsConfigured: boolean }) {
  const { t, i18n } = useTranslation();
  const set = useSetFlow();
  const label = pick(i18n.language, flow.label_sv, flow.label_en);
  return (
    <Stack gap={4}>
      <Group justify="space-between" wrap="nowrap">
        <Group gap="xs">
          <Text size="sm">{label}</Text>
          {flow.sms_only && (
            <Badge tt="none" size="xs" variant="light" color="gray">
              {t('twofactor.settings.smsOnly')}
            </Badge>
          )}
          {flow.per_device && (
            <Badge tt="none" size="xs" variant="light" color="blue">
              {t('twofactor.settings.perDevice')}
            </Badge>
          )}
        </Group>
        <Switch
          aria-label={label}
          data-testid={`flow-${flow.flow}`}
          checked={flow.enabled}
          // Switching off always works; switching on waits for SMS.
          disabled={(!smsConfigured && !flow.enabled) || set.isPending}
          onChange={(e) =>
            set.mutate(
              { flow: flow.flow, on: e.currentTarget.checked },
              { onSuccess: () => notifications.show({ color: 'teal', message: t('twofactor.settings.changed') }) },
            )
          }
        />
      </Group>
      {set.error != null && <ErrorAlert error={set.error} />}
    </Stack>
  );
}

function DevicePeriod({ days, min, max }: { days: number; min: number; max: number }) {
  const { t } = useTranslation();
  const [value, setValue] = useState<number>(days);
  const save = useSetDevicePeriod();
  return (
    <Paper withBorder radius="md" p="md">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate(value, { onSuccess: () => notifications.show({ color: 'teal', message: t('twofactor.settings.changed') }) });
        }}
      >
        <Group align="flex-end">
          <NumberInput
            w={320}
            leftSection={<IconDeviceDesktop size={16} />}
            label={t('twofactor.settings.devicePeriod')}
            description={t('twofactor.settings.devicePeriodHint', { min, max })}
            value={value}
            onChange={(v) => setValue(typeof v === 'number' ? v : days)}
            min={min}
            max={max}
            allowDecimal={false}
          />
          <Button type="submit" loading={save.isPending} disabled={value === days}>
            {t('twofactor.settings.save')}
          </Button>
        </Group>
        {save.error != null && (
          <Stack mt="sm">
            <ErrorAlert error={save.error} />
          </Stack>
        )}
      </form>
    </Paper>
  );
}
