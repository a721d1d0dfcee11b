import { Badge, Group, Paper, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PersonGroup } from '../api/searchApi';
import { formatCount } from '@/lib/format';
import { pick } from '@/lib/i18n/pick';
import { MatchBadge } from './MatchBadge';
import { HitRow } from './HitRow';

/** The hits about one person: their own record, then the records linking to it. */
export function PersonHitGroup({ person: p }: { person: PersonGroup }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <Paper withBorder radius="md" data-testid="person-group" data-person={`${p.type}/${p.id}`}>
      <Group justify="space-between" px="lg" py="sm" style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
        <Group gap={6}>
          <Text size="sm" c="dimmed">
            {t('search.person')} · {pick(lang, p.typeLabelSv, p.typeLabelEn)} {p.id}
          </Text>
          <Title order={3} size="h5">
            {p.identifiers.join(' · ')}
          </Title>
          <MatchBadge match={p.match} />
        </Group>
        <Badge variant="light" color="gray">
          {formatCount(p.hits.length, lang)}
        </Badge>
      </Group>
      <Table verticalSpacing={8} horizontalSpacing="lg">
        <Table.Tbody>
          {p.hits.map((h, i) => (
            <HitRow key={`${h.type}/${h.id}/${h.field}/${i}`} hit={h} />
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
