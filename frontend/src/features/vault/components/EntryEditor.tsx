import { Badge, Button, Group, Modal, PasswordInput, Stack, Textarea, TextInput } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '@/components/ui/ErrorAlert';
import type { VaultEntry, VaultField, VaultForm, VaultUnlock } from '../api/vaultApi';
import { useSaveEntry } from '../api/useVault';
import { UnlockModal } from './UnlockModal';

interface Props {
  form: VaultForm;
  /** The entry to edit; null for a new one. */
  entry: VaultEntry | null;
  opened: boolean;
  secondFactor: boolean;
  totpEnrolled: boolean;
  onClose: () => void;
}

/** Creates or edits an entry. Encrypted values need the password (the form's key). */
export function EntryEditor(props: Props) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={props.entry ? t('vault.entries.editEntry') : t('vault.entries.newEntry')}
      size="lg"
      centered
    >
      {props.opened && <EntryEditorBody {...props} />}
    </Modal>
  );
}

function FieldInput({ field, value, onChange, keepHint }: { field: VaultField; value: string; onChange: (v: string) => void; keepHint: boolean }) {
  const { t } = useTranslation();
  const label = field.encrypted ? (
    <Group gap={6} component="span">
      {field.name}
      <Badge tt="none" size="xs" variant="light" color="teal" leftSection={<IconLock size={10} />}>
        {t('vault.form.encrypted')}
      </Badge>
    </Group>
  ) : (
    field.name
  );
  const common = {
    label,
    value,
    description: keepHint ? t('vault.entries.keepEncrypted') : undefined,
    onChange: (e: { currentTarget: { value: string } }) => onChange(e.currentTarget.value),
  };
  if (field.kind === 'note') return <Textarea autosize minRows={2} {...common} />;
  if (field.kind === 'secret') return <PasswordInput autoComplete="off" {...common} />;
  return <TextInput type={field.kind === 'url' ? 'url' : 'text'} autoComplete="off" {...common} />;
}

function EntryEditorBody({ form, entry, secondFactor, totpEnrolled, onClose }: Omit<Props, 'opened'>) {
  const { t } = useTranslation();
  const save = useSaveEntry();
  const [customer, setCustomer] = useState(entry?.customerNumber ?? '');
  const [values, setValues] = useState<Record<string, string>>(() => {
    const out: Record<string, string> = {};
    for (const f of form.fields) out[f.id] = f.encrypted ? '' : (entry?.plain?.[f.id] ?? '');
    return out;
  });
  const [unlocking, setUnlocking] = useState(false);

  // Plain fields are written whole; an encrypted field only when something was typed, so an
  // edit does not need the key (or wipe a value) unless a secret changes.
  const input = () => {
    const out: Record<string, string> = {};
    for (const f of form.fields) {
      const v = values[f.id] ?? '';
      if (!f.encrypted || v !== '') out[f.id] = v;
    }
    return { customerNumber: customer, values: out };
  };
  const needsKey = form.fields.some((f) => f.encrypted && (values[f.id] ?? '') !== '');

  const run = (unlock: VaultUnlock) =>
    save.mutateAsync({ formId: form.id, entryId: entry?.id ?? '', input: input(), unlock }).then(() => onClose());

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (needsKey) setUnlocking(true);
    else void run({ password: '', challengeId: '', code: '', totp: false }).catch(() => undefined);
  };

  return (
    <>
    <form onSubmit={submit}>
      <Stack>
        {form.purpose === 'customer' && (
          <TextInput
            label={t('vault.entries.customerNumber')}
            value={customer}
            onChange={(e) => setCustomer(e.currentTarget.value)}
            required
            data-autofocus
          />
        )}
        {form.fields.map((f) => (
          <FieldInput
            key={f.id}
            field={f}
            value={values[f.id] ?? ''}
            keepHint={!!entry && f.encrypted && (entry.encrypted ?? []).includes(f.id)}
            onChange={(v) => setValues({ ...values, [f.id]: v })}
          />
        ))}
        {save.error != null && !unlocking && <ErrorAlert error={save.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('vault.form.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} leftSection={needsKey ? <IconLock size={16} /> : undefined}>
            {t('vault.form.save')}
          </Button>
        </Group>
      </Stack>
    </form>
      <UnlockModal
        opened={unlocking}
        purpose="save"
        secondFactor={secondFactor}
        totpEnrolled={totpEnrolled}
        onUnlock={run}
        onClose={() => setUnlocking(false)}
      />
    </>
  );
}
