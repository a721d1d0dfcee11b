import { ActionIcon, Alert, Badge, Card, Code, Group, SimpleGrid, Skeleton, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconDatabase, IconFolder, IconInfoCircle, IconListNumbers, IconRefresh } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '@/components/ui/ErrorAlert';
import { formatCount } from '@/lib/format';
import { useStatus } from '../api/useStatus';
import { TypeCountGrid } from './TypeCountGrid';

function SummaryCard({ icon, label, children }: { icon: ReactNode; label: string; children: ReactNode }) {
  return (
    <Card>
      <Group gap="xs" mb={6} c="dimmed">
        {icon}
        <Text size="xs" tt="uppercase" fw={600} lts={0.4}>
          {label}
        </Text>
      </Group>
      {children}
    </Card>
  );
}

/** The overview: where the data lives, whether the store is there, and counts per type. */
export function StatusScreen({ actions }: { actions?: ReactNode }) {
  const { t, i18n } = useTranslation();
  const status = useStatus();
  const info = status.data;
  const typesInUse = info?.types.filter((c) => c.count > 0).length ?? 0;

  return (
    <Stack gap="lg" maw={1280}>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>{t('status.title')}</Title>
          <Text c="dimmed" size="sm">
            {t('status.subtitle')}
          </Text>
        </div>
        <Group gap="sm">
          <Tooltip label={t('status.refresh')}>
            <ActionIcon
              variant="default"
              size="lg"
              aria-label={t('status.refresh')}
              loading={status.isFetching}
              onClick={() => void status.refetch()}
            >
              <IconRefresh size={18} />
            </ActionIcon>
          </Tooltip>
          {actions}
        </Group>
      </Group>

      {status.isError && <ErrorAlert error={status.error} />}

      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
        <SummaryCard icon={<IconFolder size={16} />} label={t('status.dataFolder')}>
          {info ? (
            <Code block fz="sm" data-testid="data-dir" style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
              {info.dataDir}
            </Code>
          ) : (
            <Skeleton h={28} />
          )}
        </SummaryCard>
        <SummaryCard icon={<IconDatabase size={16} />} label={t('status.database')}>
          {info ? (
            <Badge size="lg" variant="light" color={info.storeExists ? 'teal' : 'orange'} data-testid="store-state">
              {info.storeExists ? t('status.storeOpen') : t('status.noStore')}
            </Badge>
          ) : (
            <Skeleton h={28} />
          )}
          {info && (
            <Text size="xs" c="dimmed" mt="xs">
              {t('app.version', { version: info.version })}
            </Text>
          )}
        </SummaryCard>
        <SummaryCard icon={<IconListNumbers size={16} />} label={t('status.totalRecords')}>
          {info ? (
            <>
              <Text fz={30} fw={700} lh={1.1} data-testid="total" style={{ fontVariantNumeric: 'tabular-nums' }}>
                {formatCount(info.total, i18n.language)}
              </Text>
              <Text size="xs" c="dimmed" mt={4}>
                {t('status.typesInUse')}: {typesInUse} / {info.types.length}
              </Text>
            </>
          ) : (
            <Skeleton h={28} />
          )}
        </SummaryCard>
      </SimpleGrid>

      {info && !info.storeExists && (
        <Alert variant="light" color="orange" icon={<IconInfoCircle />} title={t('status.noStore')}>
          {t('status.noStoreHint', { command: 'dataskydd init --admin NAME' })}
        </Alert>
      )}

      {info ? (
        <TypeCountGrid types={info.types} />
      ) : (
        status.isPending && (
          <SimpleGrid cols={{ base: 2, sm: 3, lg: 4 }} aria-label={t('status.loading')}>
            {Array.from({ length: 8 }, (_, i) => (
              <Skeleton key={i} h={76} radius="md" />
            ))}
          </SimpleGrid>
        )
      )}
    </Stack>
  );
}
