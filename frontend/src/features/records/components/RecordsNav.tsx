import { NavLink, Stack, Text } from '@mantine/core';
import { IconBriefcase, IconClock, IconFolder, IconSettings, IconShieldCheck } from '@tabler/icons-react';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { routeHref } from '@/lib/router';
import { useLabel, useSchemas } from '../api/records';

const areaIcons: Record<string, ReactNode> = {
  Workcloud: <IconBriefcase size={18} stroke={1.6} />,
  Time: <IconClock size={18} stroke={1.6} />,
  GDPR: <IconShieldCheck size={18} stroke={1.6} />,
  Settings: <IconSettings size={18} stroke={1.6} />,
};

const areas = ['Workcloud', 'Time', 'GDPR', 'Settings'] as const;
export type Area = (typeof areas)[number];

/** Entries of an area that are screens of their own (the app composes them). */
export interface AreaExtra {
  /** Before the area's record types. */
  before?: ReactNode;
  /** After them. */
  after?: ReactNode;
  /** Whether one of these entries is the screen shown. */
  active: boolean;
}

/**
 * The navigation of the record types by the data map's areas, from the registry: every
 * type the user may read, nothing written per type. Screens of their own (the person search
 * and anonymisation under GDPR, the settings pages) come in as extras. The group holding the
 * screen shown opens and is marked, also when the app starts on a deep link.
 */
export function RecordsNav({ route, extras = {} }: { route: string[]; extras?: Partial<Record<Area, AreaExtra>> }) {
  const { t } = useTranslation();
  const label = useLabel();
  const schemas = useSchemas();
  const [section, type] = route;
  return (
    <Stack gap={2}>
      {areas.map((area) => {
        const extra = extras[area];
        const types = (schemas.data ?? []).filter((s) => s.area === area && (area !== 'Settings' || s.name !== 'user'));
        if (types.length === 0 && !extra) return null;
        const holdsScreen = (section === 'records' && types.some((s) => s.name === type)) || !!extra?.active;
        return (
          <AreaGroup key={area} area={area} label={t(`areas.${area}`)} holdsScreen={holdsScreen} startOpen={holdsScreen || area === 'Workcloud' || area === 'GDPR'}>
            {extra?.before}
            {types.map((s) => (
              <NavLink key={s.name} href={routeHref('records', s.name)} label={label(s)} active={section === 'records' && type === s.name} data-testid={`nav-type-${s.name}`} />
            ))}
            {extra?.after}
          </AreaGroup>
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

function AreaGroup({ area, label, holdsScreen, startOpen, children }: { area: string; label: string; holdsScreen: boolean; startOpen: boolean; children: ReactNode }) {
  const [opened, setOpened] = useState(startOpen);
  const root = useRef<HTMLDivElement>(null);
  // Going to a screen (a link, a deep link, the back button) opens its group and, once the
  // group has unfolded, scrolls its entry into the menu's view.
  useEffect(() => {
    if (!holdsScreen) return;
    setOpened(true);
    const timer = setTimeout(() => root.current?.querySelector('[data-active]')?.scrollIntoView?.({ block: 'nearest' }), 250);
    return () => clearTimeout(timer);
  }, [holdsScreen]);
  return (
    <div ref={root}>
      <NavLink
        label={label}
        leftSection={areaIcons[area] ?? <IconFolder size={18} />}
        opened={opened}
        onChange={setOpened}
        childrenOffset={28}
        fw={holdsScreen ? 700 : undefined}
        c={holdsScreen ? 'var(--mantine-primary-color-filled)' : undefined}
        data-testid={`nav-${area}`}
        data-holds-screen={holdsScreen || undefined}
      >
        {children}
      </NavLink>
    </div>
  );
}
