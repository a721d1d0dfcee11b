import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** How a hit matched: exactly, through a typo (with the corrected words), or by a link. */
export function MatchBadge({ match, corrected }: { match: string; corrected?: string[] }) {
  const { t } = useTranslation();
  const color = match === 'exact' ? 'teal' : match === 'typo' ? 'orange' : 'gray';
  const label = t(`search.match.${match as 'exact'}`, { defaultValue: match });
  return (
    <Badge variant="light" color={color} tt="none" data-testid="match-kind" data-match={match}>
      {corrected && corrected.length > 0 ? `${label}: ${corrected.join(', ')}` : label}
    </Badge>
  );
}
