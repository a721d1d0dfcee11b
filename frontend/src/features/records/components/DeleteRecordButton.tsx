import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '@/components/ui/ErrorAlert';
import type { TypeSchema } from '@/lib/schemas';
import { recordsApi } from '../api/recordsApi';
import { inSentence } from '@/lib/labels';
import { useSingular } from '../api/records';

/** Delete with a confirmation that says what deleting does for this type. */
export function DeleteRecordButton({ schema, id, onDeleted }: { schema: TypeSchema; id: string; onDeleted: () => void }) {
  const { t } = useTranslation();
  const singular = useSingular();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const effect = useQuery({ queryKey: ['delete-effect', schema.name], queryFn: () => recordsApi.recordDeleteEffect(schema.name), enabled: open });

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await recordsApi.deleteRecord(schema.name, id);
      notifications.show({ color: 'teal', message: t('records.delete.done') });
      await client.invalidateQueries({ queryKey: ['records'] });
      client.removeQueries({ queryKey: ['record', schema.name, id] });
      setOpen(false);
      onDeleted();
    } catch (reason) {
      setError(reason);
    } finally {
      setBusy(false);
    }
  };
  const what = effect.data === 'delete' || effect.data === 'anonymise' ? effect.data : 'mark';
  return (
    <>
      <Button color="red" variant="light" leftSection={<IconTrash size={16} />} onClick={() => setOpen(true)} data-testid="delete-record">
        {t('records.detail.delete')}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('records.delete.title', { type: inSentence(singular(schema)), id })}>
        <Stack>
          {error !== null && <ErrorAlert error={error} />}
          <Text data-testid="delete-effect">{effect.isSuccess ? t(`records.delete.${what}`) : t('records.list.loading')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)} data-autofocus>
              {t('records.delete.cancel')}
            </Button>
            <Button color="red" onClick={() => void confirm()} loading={busy} disabled={!effect.isSuccess} data-testid="confirm-delete">
              {t('records.delete.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
