import { Anchor, Mark, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SearchHit } from '../api/searchApi';
import { pick } from '@/lib/i18n/pick';
import { MatchBadge } from './MatchBadge';

/** The record browser's address of a record. */
export function recordHref(type: string, id: string) {
  return `#/records/${encodeURIComponent(type)}/${encodeURIComponent(id)}`;
}

/** One hit: the record (linked), the field, how it matched, and the text with the match marked (or withheld). */
export function HitRow({ hit: h }: { hit: SearchHit }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const typeLabel = pick(lang, h.recordSv, h.recordEn); // one record: "Kund C1005"
  return (
    <Table.Tr>
      <Table.Td w={220} style={{ verticalAlign: 'top' }}>
        <Anchor href={recordHref(h.type, h.id)} size="sm" aria-label={t('search.openRecord', { type: typeLabel, id: h.id })}>
          {typeLabel} {h.id}
        </Anchor>
      </Table.Td>
      <Table.Td w={220} style={{ verticalAlign: 'top' }}>
        <Text size="sm" c="dimmed">
          {pick(lang, h.fieldLabelSv, h.fieldLabelEn)}
        </Text>
      </Table.Td>
      <Table.Td w={150} style={{ verticalAlign: 'top' }}>
        <MatchBadge match={h.match} corrected={h.corrected} />
      </Table.Td>
      <Table.Td>
        {h.withheld ? (
          <Text size="sm" c="dimmed" fs="italic" data-testid="snippet-withheld">
            {t('search.withheld')}
          </Text>
        ) : (
          <Text size="sm" data-testid="snippet">
            {h.snippet.map((p, i) => (p.mark ? <Mark key={i}>{p.text}</Mark> : <span key={i}>{p.text}</span>))}
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
