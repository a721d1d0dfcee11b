import { Button, Group, Progress, Stack, Text } from '@mantine/core';

interface Props {
  done: number;
  total: number;
  /** The label under the bar, given the percentage. */
  label: (percent: number) => string;
  cancelLabel: string;
  onCancel: () => void;
}

/** A running import or export: how far it has come, and a way to stop it. */
export function OperationProgress({ done, total, label, cancelLabel, onCancel }: Props) {
  const percent = total > 0 ? Math.min(100, Math.round((done / total) * 100)) : 0;
  return (
    <Group gap="xs" wrap="nowrap" aria-live="polite">
      <Stack gap={2} w={140}>
        <Progress value={percent} size="sm" animated aria-label={label(percent)} />
        <Text size="xs" c="dimmed">
          {label(percent)}
        </Text>
      </Stack>
      <Button variant="subtle" color="gray" size="xs" onClick={onCancel}>
        {cancelLabel}
      </Button>
    </Group>
  );
}
