import { Group, Paper, Table } from '@mantine/core';
import type { ReactNode } from 'react';
import type { SearchHit } from '../api/searchApi';
import { HitRow } from './HitRow';

type DataAttributes = { [K in `data-${string}`]?: string };

/** A card of hits: a heading (what they are about) and a count badge over one row per hit. */
export function HitCard({ heading, count, hits, ...data }: { heading: ReactNode; count: ReactNode; hits: SearchHit[] } & DataAttributes) {
  return (
    <Paper withBorder radius="md" {...data}>
      <Group justify="space-between" px="lg" py="sm" style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
        <Group gap={6}>{heading}</Group>
        {count}
      </Group>
      <Table verticalSpacing={8} horizontalSpacing="lg">
        <Table.Tbody>
          {hits.map((h, i) => (
            <HitRow key={`${h.type}/${h.id}/${h.field}/${i}`} hit={h} />
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
