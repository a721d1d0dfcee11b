import { Badge, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SearchGroup } from '../api/searchApi';
import { formatCount } from '@/lib/format';
import { pick } from '@/lib/i18n/pick';
import { useWords } from '@/lib/labels';
import { HitCard } from './HitCard';

/**
 * A group's title: the menu's name of its records' type ("Ärenden", not the data map's
 * "Ärendehantering"); old values and secure data by their own names.
 */
function groupTitle(g: SearchGroup, lang: string): string {
  if (g.location === 'Versionshistorik') return pick(lang, 'Versionshistorik', 'Version history');
  const h = g.hits[0];
  return h ? pick(lang, h.typeLabelSv, h.typeLabelEn) : g.location;
}

/** The hits in one place of the data map (a record type, the version history). */
export function HitGroup({ group: g }: { group: SearchGroup }) {
  const { i18n } = useTranslation();
  const lang = i18n.language;
  const words = useWords();
  return (
    <HitCard
      data-testid="hit-group"
      data-location={`${g.area}/${g.location}`}
      hits={g.hits}
      heading={
        <>
          <Text size="sm" c="dimmed">
            {words.area(g.area)} /
          </Text>
          <Title order={3} size="h5">
            {groupTitle(g, lang)}
          </Title>
        </>
      }
      count={
        <Badge variant="light" color="gray" data-testid="group-count">
          {formatCount(g.count, lang)}
        </Badge>
      }
    />
  );
}
