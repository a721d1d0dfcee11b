import { Badge, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PersonGroup } from '../api/searchApi';
import { formatCount } from '@/lib/format';
import { pick } from '@/lib/i18n/pick';
import { MatchBadge } from './MatchBadge';
import { HitCard } from './HitCard';

/** The hits about one person: their own record, then the records linking to it. */
export function PersonHitGroup({ person: p }: { person: PersonGroup }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <HitCard
      data-testid="person-group"
      data-person={`${p.type}/${p.id}`}
      hits={p.hits}
      heading={
        <>
          <Text size="sm" c="dimmed">
            {t('search.person')} · {pick(lang, p.typeLabelSv, p.typeLabelEn)} {p.id}
          </Text>
          <Title order={3} size="h5">
            {p.identifiers.join(' · ')}
          </Title>
          <MatchBadge match={p.match} />
        </>
      }
      count={
        <Badge variant="light" color="gray">
          {formatCount(p.hits.length, lang)}
        </Badge>
      }
    />
  );
}
