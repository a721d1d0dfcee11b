import type { TFunction } from 'i18next';
import { Alert, Anchor, Button, PasswordInput, Progress, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertCircle, IconLock } from '@tabler/icons-react';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '@/components/layout/LanguageSwitch';
import { ErrorCode, EventName, onEvent, toBackendError, type SessionInfo } from '@/lib/backend';
import { authApi } from '../api/authApi';
import { AuthScreenFrame } from './AuthScreenFrame';
import { ForgotPassword } from './ForgotPassword';

/** Renders the second step of a login that needs a second factor (second_factor_required). */
export type SecondFactorStep = (step: { onPassed: (session: SessionInfo) => void; onCancel: () => void }) => ReactNode;

interface Props {
  orgName: string;
  locked?: boolean;
  onLoggedIn: (session: SessionInfo) => void;
  secondFactor?: SecondFactorStep;
}

/** The login screen: a wrong password and the back-off say so clearly. */
/**
 * "Dataskydd för Rörläggar-Nisse AB"; without an organisation (or with the app's own name,
 * which init stores when none was given) the app's tagline, never "Dataskydd för Dataskydd".
 */
export function loginSubtitle(t: TFunction, orgName: string): string {
  const org = orgName.trim();
  if (!org || org.toLowerCase() === 'dataskydd') return t('app.tagline');
  return t('auth.login.subtitle', { org });
}

/**
 * How far a rebuild of the search index has come while the app opens its data (after an
 * update that changes the index, or a damaged one): the login waits for it, so it is shown.
 */
function useIndexRebuild(): { done: number; total: number } | null {
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  useEffect(() => onEvent(EventName.IndexProgress, (p) => setProgress(p.finished ? null : { done: p.done, total: p.total })), []);
  return progress;
}

function IndexRebuildNotice({ done, total }: { done: number; total: number }) {
  const { t } = useTranslation();
  const percent = total > 0 ? Math.min(100, Math.floor((done * 100) / total)) : 0;
  return (
    <Stack gap={4} data-testid="index-rebuild">
      <Text size="sm">{t('auth.login.indexRebuild', { percent })}</Text>
      <Progress value={percent} size="sm" animated aria-label={t('auth.login.indexRebuild', { percent })} />
    </Stack>
  );
}

export function LoginScreen({ orgName, locked, onLoggedIn, secondFactor }: Props) {
  const { t, i18n } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  // Only the code and the retry time are kept: what the screen says.
  const [error, setError] = useState<{ code: ErrorCode; retryAt?: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [second, setSecond] = useState(false);
  const [forgot, setForgot] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const rebuild = useIndexRebuild();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onLoggedIn(await authApi.login(username.trim(), password));
    } catch (reason) {
      const err = toBackendError(reason);
      setPassword('');
      if (err.code === ErrorCode.SecondFactorRequired && secondFactor) {
        setSecond(true);
        return;
      }
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  if (second && secondFactor) {
    return (
      <AuthScreenFrame title={t('auth.login.title')} subtitle={loginSubtitle(t, orgName)}>
        {secondFactor({
          onPassed: (session) => {
            setSecond(false);
            onLoggedIn(session);
          },
          onCancel: () => setSecond(false),
        })}
      </AuthScreenFrame>
    );
  }
  if (forgot) {
    return (
      <AuthScreenFrame title={t('auth.login.title')} subtitle={loginSubtitle(t, orgName)}>
        <ForgotPassword
          onDone={(message) => {
            setForgot(false);
            setNotice(message ?? null);
          }}
        />
      </AuthScreenFrame>
    );
  }
  const retry = error?.code === ErrorCode.Throttled && error.retryAt ? new Date(error.retryAt) : null;
  return (
    <AuthScreenFrame title={t('auth.login.title')} subtitle={loginSubtitle(t, orgName)}>
      <form onSubmit={submit} data-testid="login-form">
        <Stack gap="md">
          {locked && !error && (
            <Alert color="blue" icon={<IconLock size={18} />} data-testid="locked-notice">
              {t('auth.login.locked')}
            </Alert>
          )}
          {notice && !error && (
            <Alert color="teal" data-testid="login-notice">
              {notice}
            </Alert>
          )}
          {error && (
            <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert" data-testid="login-error">
              {t(`errors.${error.code}`, { defaultValue: t('errors.internal') })}
              {retry && ` ${t('auth.login.retryAt', { time: retry.toLocaleTimeString(i18n.language) })}`}
            </Alert>
          )}
          <TextInput
            label={t('auth.login.username')}
            name="username"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.currentTarget.value)}
            required
            data-autofocus
            autoFocus
          />
          <PasswordInput
            label={t('auth.login.password')}
            name="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            required
          />
          {rebuild && <IndexRebuildNotice done={rebuild.done} total={rebuild.total} />}
          <Button type="submit" loading={busy} fullWidth>
            {t('auth.login.submit')}
          </Button>
          <Anchor component="button" type="button" size="sm" onClick={() => setForgot(true)} data-testid="forgot-link">
            {t('auth.forgot.link')}
          </Anchor>
          <LanguageSwitch />
        </Stack>
      </form>
    </AuthScreenFrame>
  );
}
