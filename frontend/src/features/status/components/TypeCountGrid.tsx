import { Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TypeCount } from '../api/statusApi';
import { formatCount } from '@/lib/format';
import { labelOf } from '@/lib/i18n/pick';

const areaOrder = ['Workcloud', 'Time', 'GDPR', 'Settings', ''] as const;

function areaKey(area: string) {
  switch (area) {
    case 'Workcloud':
    case 'Time':
    case 'GDPR':
    case 'Settings':
      return `areas.${area}` as const;
    default:
      return 'areas.system' as const;
  }
}

/** Record counts per type, grouped by the data map's areas, labelled from the registry. */
export function TypeCountGrid({ types }: { types: TypeCount[] }) {
  const { t, i18n } = useTranslation();
  const areas = areaOrder
    .map((area) => ({ area, items: types.filter((c) => (c.area || '') === area) }))
    .filter((g) => g.items.length > 0);
  return (
    <Stack gap="xl">
      {areas.map(({ area, items }) => {
        const sum = items.reduce((n, c) => n + c.count, 0);
        return (
          <section key={area || 'system'} aria-labelledby={`area-${area || 'system'}`}>
            <Group justify="space-between" mb="sm">
              <Title order={3} size="h5" id={`area-${area || 'system'}`}>
                {t(areaKey(area))}
              </Title>
              <Badge variant="light" tt="none" size="md" color={sum > 0 ? 'teal' : 'gray'}>
                {t('status.records', { count: sum, formatted: formatCount(sum, i18n.language) })}
              </Badge>
            </Group>
            <SimpleGrid cols={{ base: 2, sm: 3, lg: 4, xl: 5 }} spacing="sm">
              {items.map((c) => (
                <Paper
                  key={c.type}
                  withBorder
                  radius="md"
                  p="md"
                  data-testid={`count-${c.type}`}
                  data-count={c.count}
                  style={{ opacity: c.count > 0 ? 1 : 0.6 }}
                >
                  <Text size="sm" c="dimmed" truncate="end">
                    {labelOf(i18n.language, c)}
                  </Text>
                  <Text fz={26} fw={650} lh={1.3} style={{ fontVariantNumeric: 'tabular-nums' }}>
                    {formatCount(c.count, i18n.language)}
                  </Text>
                </Paper>
              ))}
            </SimpleGrid>
          </section>
        );
      })}
    </Stack>
  );
}
