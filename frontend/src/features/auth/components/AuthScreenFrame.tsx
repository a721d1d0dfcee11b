import { Center, Group, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconShieldLock } from '@tabler/icons-react';
import { useEffect, type ReactNode } from 'react';
import { reportPainted } from '@/lib/startup';

/** The centred card the first-run and login screens sit in. */
export function AuthScreenFrame({ title, subtitle, children, width = 420 }: { title: string; subtitle: string; children: ReactNode; width?: number }) {
  // The first screen a user can act on is painted: the cold-start measurement's end point.
  useEffect(() => reportPainted(title), [title]);
  return (
    <Center mih="100vh" p="lg" bg="var(--mantine-color-default-hover)">
      <Paper withBorder shadow="md" radius="lg" p="xl" w={width} maw="100%">
        <Stack gap="lg">
          <Group gap="sm" wrap="nowrap">
            <ThemeIcon size={40} radius="md" variant="gradient" gradient={{ from: 'teal.6', to: 'cyan.7', deg: 135 }}>
              <IconShieldLock size={22} stroke={1.8} />
            </ThemeIcon>
            <Stack gap={0}>
              <Title order={1} size="h3">
                {title}
              </Title>
              <Text size="sm" c="dimmed">
                {subtitle}
              </Text>
            </Stack>
          </Group>
          {children}
        </Stack>
      </Paper>
    </Center>
  );
}
