import { AppShell, Group, NavLink, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconLayoutDashboard, IconShieldLock } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch';

/** The window's frame: header with the app name and language, a navigation rail, the screen. */
export function AppLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 232, breakpoint: 'xs' }} padding="lg">
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
          <LanguageSwitch />
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm">
        <NavLink
          active
          label={t('nav.overview')}
          leftSection={<IconLayoutDashboard size={18} stroke={1.6} />}
          variant="light"
          style={{ borderRadius: 'var(--mantine-radius-md)' }}
        />
      </AppShell.Navbar>
      <AppShell.Main bg="var(--mantine-color-body)">{children}</AppShell.Main>
    </AppShell>
  );
}
