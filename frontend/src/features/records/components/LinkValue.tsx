import { Anchor, Group, Text } from '@mantine/core';
import { routeHref } from '@/lib/router';
import { linkId, linkName, linkValues, withValue, type LinkNames } from '../api/links';

/**
 * A link field's value as "Name (id)" anchors to the linked records: one for a link or a
 * customer number, one per member of a link list. A customer number whose customer the
 * backend did not name (missing, or number 0) is plain text.
 */
export function LinkValue({ target, value, links, size }: { target: string; value: unknown; links: LinkNames; size?: string }) {
  const values = linkValues(value);
  const one = (v: string) => {
    const text = withValue(linkName(links, target, v), v);
    const id = linkId(links, target, v);
    return id ? (
      <Anchor key={v} href={routeHref('records', target, id)} size={size} data-testid={`link-${target}-${v}`}>
        {text}
      </Anchor>
    ) : (
      <Text key={v} span size={size}>
        {text}
      </Text>
    );
  };
  if (values.length === 1 && !Array.isArray(value)) return one(values[0]!);
  return (
    <Group gap={6} wrap="wrap">
      {values.map((v, i) => (
        <span key={v}>
          {one(v)}
          {i < values.length - 1 ? ',' : ''}
        </span>
      ))}
    </Group>
  );
}
