import { Avatar, Button, Menu, Text } from '@mantine/core';
import { IconKey, IconLock, IconLogout } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '@/lib/backend';
import type { SessionActions } from './AuthGate';
import { ChangePasswordModal } from './ChangePasswordModal';

/** The header's account menu: who is logged in, change password, lock, log out. */
export function UserMenu({ session, actions }: { session: SessionInfo; actions: SessionActions }) {
  const { t } = useTranslation();
  const [changing, setChanging] = useState(false);
  return (
    <>
      <Menu position="bottom-end" withinPortal shadow="md">
        <Menu.Target>
          <Button variant="subtle" color="gray" leftSection={<Avatar size={24} radius="xl" color="teal">{session.username.slice(0, 1).toUpperCase()}</Avatar>} data-testid="user-menu">
            {session.username}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>
            <Text size="xs">{t('auth.menu.signedInAs', { username: session.username })}</Text>
            <Text size="xs" c="dimmed">
              {session.roles.map((r) => t(`auth.roles.${r}`, { defaultValue: r })).join(', ')}
            </Text>
          </Menu.Label>
          <Menu.Item leftSection={<IconKey size={16} />} onClick={() => setChanging(true)}>
            {t('auth.menu.changePassword')}
          </Menu.Item>
          <Menu.Item leftSection={<IconLock size={16} />} onClick={actions.lock} data-testid="lock">
            {t('auth.menu.lock')}
          </Menu.Item>
          <Menu.Item leftSection={<IconLogout size={16} />} onClick={actions.logout} data-testid="logout">
            {t('auth.menu.logout')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <ChangePasswordModal opened={changing} onClose={() => setChanging(false)} />
    </>
  );
}
