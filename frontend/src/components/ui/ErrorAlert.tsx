import { Alert, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { toBackendError } from '@/lib/backend';
import { errorMessage } from '@/lib/errorMessage';

/** Shows a failed backend call: the translated message, and the technical text for support. */
export function ErrorAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const details = toBackendError(error).message;
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle />} title={t('errors.title')} role="alert">
      <Text size="sm">{errorMessage(t, error)}</Text>
      {details && (
        <Text size="xs" c="dimmed" mt={4}>
          {t('errors.details', { message: details })}
        </Text>
      )}
    </Alert>
  );
}
