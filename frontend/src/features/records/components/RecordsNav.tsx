import { NavLink, Stack, Text } from '@mantine/core';
import { IconBriefcase, IconClock, IconFolder, IconSettings, IconShieldCheck } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { routeHref } from '@/lib/router';
import { useLabel, useSchemas } from '../api/records';

const areaIcons: Record<string, ReactNode> = {
  Workcloud: <IconBriefcase size={18} stroke={1.6} />,
  Time: <IconClock size={18} stroke={1.6} />,
  GDPR: <IconShieldCheck size={18} stroke={1.6} />,
  Settings: <IconSettings size={18} stroke={1.6} />,
};

/**
 * The navigation of the record types by the data map's areas, from the registry: every
 * type the user may read, nothing written per type. Settings types are reached from the
 * Settings section (extra), which the app composes.
 */
export function RecordsNav({ route, settings }: { route: string[]; settings?: ReactNode }) {
  const { t } = useTranslation();
  const label = useLabel();
  const schemas = useSchemas();
  const areas = ['Workcloud', 'Time', 'GDPR', 'Settings'] as const;
  const [section, type] = route;
  return (
    <Stack gap={2}>
      {areas.map((area) => {
        const types = (schemas.data ?? []).filter((s) => s.area === area && (area !== 'Settings' || s.name !== 'user'));
        if (area === 'Settings') {
          if (types.length === 0 && !settings) return null;
          return (
            <NavLink key={area} label={t(`areas.${area}`)} leftSection={areaIcons[area]} defaultOpened={section === 'settings'} childrenOffset={28} data-testid={`nav-${area}`}>
              {settings}
              {types.map((s) => (
                <NavLink key={s.name} href={routeHref('records', s.name)} label={label(s)} active={section === 'records' && type === s.name} />
              ))}
            </NavLink>
          );
        }
        if (types.length === 0) return null;
        return (
          <NavLink
            key={area}
            label={t(`areas.${area}`)}
            leftSection={areaIcons[area] ?? <IconFolder size={18} />}
            defaultOpened={types.some((s) => s.name === type) || area === 'Workcloud'}
            childrenOffset={28}
            data-testid={`nav-${area}`}
          >
            {types.map((s) => (
              <NavLink key={s.name} href={routeHref('records', s.name)} label={label(s)} active={section === 'records' && type === s.name} data-testid={`nav-type-${s.name}`} />
            ))}
          </NavLink>
        );
      })}
      {schemas.isError && (
        <Text size="xs" c="red">
          {t('errors.internal')}
        </Text>
      )}
    </Stack>
  );
}
