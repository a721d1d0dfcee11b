import {
  ActionIcon,
  Button,
  Checkbox,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '@/components/ui/ErrorAlert';
import type { VaultField, VaultForm, VaultMember, VaultPerson } from '../api/vaultApi';
import { useSaveForm } from '../api/useVault';

const kinds = ['text', 'secret', 'url', 'note'] as const;

interface Props {
  /** The form to edit; null for a new one. */
  form: VaultForm | null;
  opened: boolean;
  people: VaultPerson[];
  onClose: () => void;
  onSaved: (form: VaultForm) => void;
}

export function memberKey(m: VaultMember): string {
  return `${m.kind}:${m.id}`;
}

function fromKey(key: string): VaultMember {
  const [kind, ...rest] = key.split(':');
  return { kind: kind ?? 'user', id: rest.join(':') };
}

/** Creates or edits a form (admins). */
export function FormEditor({ form, opened, people, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={form ? t('vault.editForm') : t('vault.newForm')} size="xl" centered>
      {opened && <FormEditorBody form={form} people={people} onClose={onClose} onSaved={onSaved} />}
    </Modal>
  );
}

function FormEditorBody({ form, people, onClose, onSaved }: Omit<Props, 'opened'>) {
  const { t } = useTranslation();
  const save = useSaveForm();
  const [name, setName] = useState(form?.name ?? '');
  const [purpose, setPurpose] = useState(form?.purpose ?? 'internal');
  const [fields, setFields] = useState<VaultField[]>(
    form?.fields?.length ? form.fields : [{ id: '', name: '', kind: 'text', encrypted: false }],
  );
  const [days, setDays] = useState<number>(form?.autoDeleteDays ?? 0);
  const [twoFactor, setTwoFactor] = useState(form?.twoFactor ?? false);
  const [readers, setReaders] = useState<string[]>((form?.readers ?? []).map(memberKey));
  const [decrypters, setDecrypters] = useState<string[]>((form?.decrypters ?? []).map(memberKey));

  const options = [
    { group: t('vault.member.user'), items: people.filter((p) => p.kind === 'user').map((p) => ({ value: `user:${p.id}`, label: p.name })) },
    { group: t('vault.member.group'), items: people.filter((p) => p.kind === 'group').map((p) => ({ value: `group:${p.id}`, label: p.name })) },
  ].filter((g) => g.items.length > 0);

  const setField = (i: number, change: Partial<VaultField>) =>
    setFields(fields.map((f, j) => (i === j ? { ...f, ...change } : f)));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const out = {
      ...(form ?? {}),
      id: form?.id ?? '',
      name,
      purpose,
      fields,
      autoDeleteDays: days,
      twoFactor,
      readers: readers.map(fromKey),
      decrypters: form ? (form.decrypters ?? []) : decrypters.map(fromKey),
      needsGrant: [],
      canDecrypt: false,
    } as VaultForm;
    save.mutate(out, {
      onSuccess: (saved) => {
        onSaved(saved);
        onClose();
      },
    });
  };

  return (
    <form onSubmit={submit}>
      <Stack>
        <TextInput label={t('vault.form.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} required data-autofocus />
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('vault.form.purpose')}
          </Text>
          <SegmentedControl
            value={purpose}
            onChange={setPurpose}
            data={[
              { value: 'internal', label: t('vault.form.purposeInternal') },
              { value: 'customer', label: t('vault.form.purposeCustomer') },
            ]}
          />
          {purpose === 'customer' && (
            <Text size="xs" c="dimmed">
              {t('vault.form.purposeCustomerHint')}
            </Text>
          )}
        </Stack>
        <Stack gap="xs">
          <Text size="sm" fw={500}>
            {t('vault.form.fields')}
          </Text>
          {fields.map((f, i) => (
            <Group key={f.id || `new-${i}`} gap="sm" wrap="nowrap" align="flex-end">
              <TextInput
                style={{ flex: 1 }}
                label={i === 0 ? t('vault.form.fieldName') : undefined}
                aria-label={t('vault.form.fieldName')}
                value={f.name}
                onChange={(e) => setField(i, { name: e.currentTarget.value })}
                required
              />
              <Select
                w={150}
                label={i === 0 ? t('vault.form.fieldKind') : undefined}
                aria-label={t('vault.form.fieldKind')}
                value={f.kind}
                onChange={(v) => setField(i, { kind: v ?? 'text', encrypted: v === 'secret' ? true : f.encrypted })}
                data={kinds.map((k) => ({ value: k, label: t(`vault.form.kind_${k}`) }))}
                allowDeselect={false}
              />
              <Tooltip label={t('vault.form.encryptedLocked')} disabled={!f.id}>
                <Checkbox
                  mb={8}
                  label={t('vault.form.encrypted')}
                  checked={f.encrypted}
                  disabled={!!f.id}
                  onChange={(e) => setField(i, { encrypted: e.currentTarget.checked })}
                />
              </Tooltip>
              <ActionIcon
                variant="subtle"
                color="red"
                mb={4}
                aria-label={t('vault.form.removeField')}
                disabled={fields.length === 1}
                onClick={() => setFields(fields.filter((_, j) => j !== i))}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          ))}
          <Group>
            <Button
              variant="light"
              size="compact-sm"
              leftSection={<IconPlus size={14} />}
              onClick={() => setFields([...fields, { id: '', name: '', kind: 'text', encrypted: false }])}
            >
              {t('vault.form.addField')}
            </Button>
          </Group>
        </Stack>
        <Group grow align="flex-start">
          <NumberInput
            label={t('vault.form.autoDelete')}
            description={t('vault.form.autoDeleteHint')}
            value={days}
            onChange={(v) => setDays(typeof v === 'number' ? v : 0)}
            min={0}
            allowDecimal={false}
          />
          <Switch mt={30} label={t('vault.form.twoFactor')} checked={twoFactor} onChange={(e) => setTwoFactor(e.currentTarget.checked)} />
        </Group>
        <MultiSelect
          label={t('vault.form.readers')}
          placeholder={t('vault.form.pickMembers')}
          data={options}
          value={readers}
          onChange={setReaders}
          searchable
        />
        {form ? (
          <Text size="xs" c="dimmed">
            {t('vault.form.decryptersLater')}
          </Text>
        ) : (
          <MultiSelect
            label={t('vault.form.decrypters')}
            description={t('vault.form.decryptersHint')}
            placeholder={t('vault.form.pickMembers')}
            data={options}
            value={decrypters}
            onChange={setDecrypters}
            searchable
          />
        )}
        {save.error != null && <ErrorAlert error={save.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('vault.form.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('vault.form.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
