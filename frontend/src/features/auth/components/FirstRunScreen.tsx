import { Alert, Button, Divider, PasswordInput, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorCode, toBackendError, type SessionInfo } from '@/lib/backend';
import { authApi } from '../api/authApi';
import { errorMessage } from '@/lib/errorMessage';
import { isLanguage, setLanguage, type Language } from '@/lib/i18n';
import { AuthScreenFrame } from './AuthScreenFrame';

const passwordCodes: string[] = [ErrorCode.PasswordTooShort, ErrorCode.PasswordCommon];

/** First run on an empty data folder: organisation, language and the first administrator. */
export function FirstRunScreen({ onDone }: { onDone: (session: SessionInfo) => void }) {
  const { t, i18n } = useTranslation();
  const [form, setForm] = useState({ orgName: '', username: '', name: '', email: '', password: '', confirm: '' });
  const [errors, setErrors] = useState<Partial<Record<keyof typeof form, string>>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const lang = (isLanguage(i18n.language) ? i18n.language : 'sv') as Language;

  // Read the value now: React clears the event's currentTarget before the updater runs.
  const set = (key: keyof typeof form) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setForm((f) => ({ ...f, [key]: value }));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const next: typeof errors = {};
    if (!form.orgName.trim()) next.orgName = t('auth.firstRun.required');
    if (!form.username.trim()) next.username = t('auth.firstRun.required');
    if (form.password !== form.confirm) next.confirm = t('auth.firstRun.mismatch');
    setErrors(next);
    setGeneral(null);
    if (Object.keys(next).length > 0) return;
    setBusy(true);
    try {
      const session = await authApi.firstRun({
        orgName: form.orgName.trim(),
        lang,
        username: form.username.trim(),
        name: form.name.trim(),
        email: form.email.trim(),
        password: form.password,
      });
      onDone(session);
    } catch (reason) {
      const err = toBackendError(reason);
      if (passwordCodes.includes(err.code)) setErrors({ password: errorMessage(t, err) });
      else if (err.code === ErrorCode.UsernameTaken || err.code === ErrorCode.InvalidInput) setErrors({ username: errorMessage(t, err) });
      else setGeneral(errorMessage(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthScreenFrame title={t('auth.firstRun.title')} subtitle={t('auth.firstRun.subtitle')} width={520}>
      <form onSubmit={submit} data-testid="first-run-form" noValidate>
        <Stack gap="sm">
          {general && (
            <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert">
              {general}
            </Alert>
          )}
          <TextInput label={t('auth.firstRun.orgName')} name="orgName" value={form.orgName} onChange={set('orgName')} error={errors.orgName} required autoFocus />
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t('auth.firstRun.language')}
            </Text>
            <SegmentedControl
              value={lang}
              onChange={(value) => {
                if (isLanguage(value)) void setLanguage(i18n, value);
              }}
              data={[
                { value: 'sv', label: t('language.sv') },
                { value: 'en', label: t('language.en') },
              ]}
            />
          </Stack>
          <Divider label={t('auth.firstRun.adminSection')} labelPosition="left" mt="xs" />
          <TextInput label={t('auth.firstRun.username')} name="username" autoComplete="username" value={form.username} onChange={set('username')} error={errors.username} required />
          <TextInput label={t('auth.firstRun.name')} name="name" autoComplete="name" value={form.name} onChange={set('name')} />
          <TextInput label={t('auth.firstRun.email')} name="email" type="email" autoComplete="email" value={form.email} onChange={set('email')} />
          <PasswordInput
            label={t('auth.firstRun.password')}
            name="password"
            autoComplete="new-password"
            description={t('auth.firstRun.passwordHint')}
            value={form.password}
            onChange={set('password')}
            error={errors.password}
            required
          />
          <PasswordInput label={t('auth.firstRun.passwordConfirm')} name="confirm" autoComplete="new-password" value={form.confirm} onChange={set('confirm')} error={errors.confirm} required />
          <Button type="submit" loading={busy} mt="sm">
            {t('auth.firstRun.submit')}
          </Button>
        </Stack>
      </form>
    </AuthScreenFrame>
  );
}
