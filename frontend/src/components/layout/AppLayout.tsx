import { AppShell, Group, NavLink, ScrollArea, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconLayoutDashboard, IconShieldLock } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch';

interface Props {
  children: ReactNode;
  /** More navigation below the overview (the app composes the features' entries). */
  nav?: ReactNode;
  /** Whether the overview is the screen shown (default: yes). */
  overviewActive?: boolean;
  /** Beside the language switch: the account menu. */
  headerRight?: ReactNode;
}

/** The window's frame: header with the app name and language, a navigation rail, the screen. */
export function AppLayout({ children, nav, overviewActive = true, headerRight }: Props) {
  const { t } = useTranslation();
  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 264, breakpoint: 'xs' }} padding="lg">
      <AppShell.Header>
        <Group h="100%" px="lg" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <ThemeIcon size={34} radius="md" variant="gradient" gradient={{ from: 'teal.6', to: 'cyan.7', deg: 135 }}>
              <IconShieldLock size={20} stroke={1.8} />
            </ThemeIcon>
            <Stack gap={0}>
              <Title order={1} size="h4" lh={1.2}>
                {t('app.name')}
              </Title>
              <Text size="xs" c="dimmed" lh={1.2}>
                {t('app.tagline')}
              </Text>
            </Stack>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <LanguageSwitch />
            {headerRight}
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" component={ScrollArea}>
        <NavLink
          href="#/"
          active={overviewActive}
          label={t('nav.overview')}
          leftSection={<IconLayoutDashboard size={18} stroke={1.6} />}
          variant="light"
          style={{ borderRadius: 'var(--mantine-radius-md)' }}
        />
        {nav}
      </AppShell.Navbar>
      <AppShell.Main bg="var(--mantine-color-body)">{children}</AppShell.Main>
    </AppShell>
  );
}
