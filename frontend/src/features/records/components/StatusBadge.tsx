import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const colours: Record<string, string> = { open: 'teal', closed: 'gray', deleted: 'red', invoiced: 'blue' };

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  if (!status) return null;
  return (
    <Badge tt="none" variant="light" color={colours[status] ?? 'gray'} size="sm">
      {t(`labels.values.status.${status}`, { defaultValue: status })}
    </Badge>
  );
}
