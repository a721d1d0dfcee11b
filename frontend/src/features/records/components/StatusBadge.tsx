import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const colours: Record<string, string> = { open: 'teal', closed: 'gray', deleted: 'red', invoiced: 'blue' };

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  if (!status) return null;
  return (
    // Never cut: the badge keeps its full width however narrow the column.
    <Badge tt="none" variant="light" color={colours[status] ?? 'gray'} size="sm" miw="max-content" styles={{ label: { overflow: 'visible', textOverflow: 'clip' } }}>
      {t(`labels.values.status.${status}`, { defaultValue: status })}
    </Badge>
  );
}
