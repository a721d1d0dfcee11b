// The logged-in app: the menu and every screen. The entry (index.tsx) loads it lazily, so
// the login screen is painted from the small first bundle alone (make bench-coldstart).
import { NavLink } from '@mantine/core';
import { AppLayout } from '@/components/layout/AppLayout';
import { GeneralSettings } from '@/features/auth/components/GeneralSettings';
import { UserMenu } from '@/features/auth/components/UserMenu';
import { ExportButton } from '@/features/export/components/ExportButton';
import { ImportButton } from '@/features/import/components/ImportButton';
import { LogsScreen } from '@/features/logs/components/LogsScreen';
import { RecordsNav } from '@/features/records/components/RecordsNav';
import { RecordsScreen } from '@/features/records/components/RecordsScreen';
import { RetentionSettings } from '@/features/retention/components/RetentionSettings';
import { PersonSearch } from '@/features/search/components/PersonSearch';
import { StatusScreen } from '@/features/status/components/StatusScreen';
import { UsersScreen } from '@/features/users/components/UsersScreen';
import { SmsSettingsScreen } from '@/features/sms/components/SmsSettingsScreen';
import { MyTwoFactorScreen } from '@/features/twofactor/components/MyTwoFactorScreen';
import { PhoneStepUpModal } from '@/features/twofactor/components/PhoneStepUpModal';
import { TwoFactorSettingsScreen } from '@/features/twofactor/components/TwoFactorSettingsScreen';
import { VaultScreen } from '@/features/vault/components/VaultScreen';
import { PortalSettingsScreen } from '@/features/portal/components/PortalSettingsScreen';
import { IconLockSquareRounded } from '@tabler/icons-react';
import type { SessionInfo } from '@/lib/backend';
import type { SessionActions } from '@/features/auth/components/AuthGate';
import { routeHref } from '@/lib/router';
import { useTranslation } from 'react-i18next';

/** The screen for a route (#/records/<type>/<id>, #/settings/users, ...). */
function Screen({ route, session }: { route: string[]; session: SessionInfo }) {
  const [section, page] = route;
  switch (section) {
    case 'records':
      return <RecordsScreen route={route.slice(1)} stepUp={(dialog) => <PhoneStepUpModal {...dialog} />} />;
    case 'vault':
      return <VaultScreen route={route.slice(1)} />;
    case 'settings':
      if (page === 'users') return <UsersScreen />;
      if (page === 'logs') return <LogsScreen />;
      if (page === 'anonymisation') return <RetentionSettings />;
      if (page === 'search') return <PersonSearch />;
      if (page === 'general') return <GeneralSettings session={session} />;
      if (page === 'sms') return <SmsSettingsScreen />;
      if (page === 'twofactor') return <TwoFactorSettingsScreen />;
      if (page === 'portal') return <PortalSettingsScreen admin={session.roles.includes('admin')} />;
      if (page === 'my-twofactor') return <MyTwoFactorScreen />;
      break;
  }
  return (
    <StatusScreen
      actions={
        <>
          <ExportButton />
          <ImportButton />
        </>
      }
    />
  );
}

/** Settings entries that are screens of their own (the record types follow from the registry). */
function SettingsNav({ route, session }: { route: string[]; session: SessionInfo }) {
  const { t } = useTranslation();
  const admin = session.roles.includes('admin');
  const dpo = admin || session.roles.includes('gdpr_officer');
  const link = (page: string, label: string) => (
    <NavLink key={page} href={routeHref('settings', page)} label={label} active={route[0] === 'settings' && route[1] === page} data-testid={`nav-settings-${page}`} />
  );
  return (
    <>
      {admin && link('general', t('auth.settings.title'))}
      {admin && link('users', t('users.title'))}
      {dpo && link('logs', t('logs.title'))}
      {admin && link('sms', t('sms.title'))}
      {admin && link('twofactor', t('twofactor.settings.title'))}
      {dpo && link('portal', t('portal.title'))}
      {link('my-twofactor', t('twofactor.my.title'))}
    </>
  );
}

/** The GDPR screens of their own: person search and anonymisation first, secure data last. */
const gdprPages = ['search', 'anonymisation'];

function GdprNav({ route, session }: { route: string[]; session: SessionInfo }) {
  const { t } = useTranslation();
  const dpo = session.roles.includes('admin') || session.roles.includes('gdpr_officer');
  if (!dpo) return null;
  const link = (page: string, label: string) => (
    <NavLink key={page} href={routeHref('settings', page)} label={label} active={route[0] === 'settings' && route[1] === page} data-testid={`nav-settings-${page}`} />
  );
  return (
    <>
      {link('search', t('search.title'))}
      {link('anonymisation', t('retention.title'))}
    </>
  );
}

/** "Säkra uppgifter", in the GDPR group. */
function VaultNav({ route }: { route: string[] }) {
  const { t } = useTranslation();
  return (
    <NavLink
      href={routeHref('vault')}
      label={t('vault.title')}
      active={route[0] === 'vault'}
      leftSection={<IconLockSquareRounded size={16} stroke={1.6} />}
      data-testid="nav-vault"
    />
  );
}

/** The app once someone is logged in: menu, header and the screen of the route. */
export default function Workspace({ route, session, actions }: { route: string[]; session: SessionInfo; actions: SessionActions }) {
  return (
    <AppLayout
      overviewActive={route.length === 0}
      nav={
        <RecordsNav
          route={route}
          extras={{
            GDPR: {
              before: <GdprNav route={route} session={session} />,
              after: <VaultNav route={route} />,
              active: route[0] === 'vault' || (route[0] === 'settings' && gdprPages.includes(route[1] ?? '')),
            },
            Settings: {
              before: <SettingsNav route={route} session={session} />,
              active: route[0] === 'settings' && !gdprPages.includes(route[1] ?? ''),
            },
          }}
        />
      }
      headerRight={<UserMenu session={session} actions={actions} />}
    >
      <Screen route={route} session={session} />
    </AppLayout>
  );
}
