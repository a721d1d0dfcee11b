import { Alert, Badge, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '@/components/ui/ErrorAlert';
import { retentionApi, type RetentionPolicy } from '../api/retentionApi';
import { formatCount } from '@/lib/format';
import { useSetPolicy } from '../api/useRetention';
import { DaysInput } from './DaysInput';

/**
 * Switching a policy on (or shortening its days while on): first the days, then what the
 * next run would do with them (the count and a few records), then a confirmation that names
 * the count. Nothing is saved before the confirmation; changing the days asks for a new
 * preview, so the count confirmed is the count of the days saved.
 */
export function EnablePolicyModal({ policy, label, clock, initialDays, onClose }: { policy: RetentionPolicy; label: string; clock: string; initialDays: number | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [days, setDays] = useState<string | number>(initialDays ?? (policy.days > 0 ? policy.days : ''));
  const preview = useMutation({ mutationFn: (n: number) => retentionApi.previewRetentionPolicy(policy.type, n) });
  const save = useSetPolicy();
  const n = typeof days === 'number' ? days : Number.parseInt(days, 10);
  const valid = Number.isInteger(n) && n >= 0 && n <= 36500;
  const previewed = preview.data && preview.variables === n ? preview.data : null;
  const count = previewed?.due ?? 0;

  const close = () => {
    preview.reset();
    save.reset();
    onClose();
  };
  const confirm = async () => {
    await save.mutateAsync({ type: policy.type, enabled: true, days: n });
    close();
  };

  return (
    <Modal opened onClose={close} title={t('retention.enable.title', { type: label })} size="lg" centered>
      <Stack gap="md" data-testid={`enable-${policy.type}`}>
        <Text size="sm">{t('retention.enable.intro', { clock })}</Text>
        <DaysInput
          label={t('retention.enable.days')}
          description={t('retention.enable.daysHint')}
          value={days}
          onChange={setDays}
          w={220}
          data-autofocus
          data-testid="enable-days"
        />
        {valid && n === 0 && (
          <Alert color="orange" variant="light">
            {t('retention.enable.zero')}
          </Alert>
        )}
        {preview.isError && <ErrorAlert error={preview.error} />}
        {save.isError && <ErrorAlert error={save.error} />}
        {previewed && (
          <Alert color={count > 0 ? 'orange' : 'teal'} variant="light" data-testid="enable-preview" data-count={count}>
            <Text size="sm" fw={500}>
              {count > 0
                ? t(previewed.deleted > 0 ? 'retention.enable.wouldDelete' : 'retention.enable.wouldAnonymise', { count, formatted: formatCount(count, lang), type: label })
                : t('retention.enable.nothing', { type: label })}
            </Text>
            {previewed.samples.length > 0 && (
              <Group gap={4} mt={6}>
                {previewed.samples.map((s) => (
                  <Badge key={s.id} variant="outline" color="gray" tt="none">
                    {s.id}
                  </Badge>
                ))}
              </Group>
            )}
            <Text size="xs" c="dimmed" mt={6}>
              {t('retention.enable.when')}
            </Text>
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('retention.enable.cancel')}
          </Button>
          {previewed ? (
            <Button color={count > 0 ? 'orange' : undefined} loading={save.isPending} onClick={() => void confirm()} data-testid="enable-confirm">
              {count > 0 ? t('retention.enable.confirmCount', { count, formatted: formatCount(count, lang) }) : t('retention.enable.confirm')}
            </Button>
          ) : (
            <Button disabled={!valid} loading={preview.isPending} onClick={() => preview.mutate(n)} data-testid="enable-preview-button">
              {t('retention.enable.preview')}
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
