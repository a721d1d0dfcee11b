import { ActionIcon, Alert, Button, Group, Paper, Select, SimpleGrid, Stack, Switch, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '@/components/ui/ErrorAlert';
import { ErrorCode, toBackendError } from '@/lib/backend';
import type { FieldSchema, TypeSchema } from '@/lib/schemas';
import { recordsApi } from '../api/recordsApi';
import { emptyRow, editableFields, formToValues, initialForm, problemField, type FormRow, type FormState, type FormValue } from '../api/formValues';
import { fromDateInput, fromLocalInput, toDateInput, toLocalInput } from '@/lib/format';
import { inSentence, useWords } from '@/lib/labels';
import { useLabel, useRecord, useSchemas, useSingular } from '../api/records';
import { FormLinksContext, LinkMultiSelect, LinkSelect } from './LinkPicker';

function newId(type: string) {
  const prefix = type.replace(/[^a-z]/g, '').slice(0, 2).toUpperCase() || 'R';
  return `${prefix}-${Date.now().toString(36).toUpperCase()}`;
}

/**
 * The second factor a save asks for (second_factor_required: a phone number codes go to
 * changed while two-factor is in use); the app composes the two-factor feature's dialog.
 */
export type StepUpDialog = (dialog: { opened: boolean; onPassed: () => void; onClose: () => void }) => ReactNode;

/** Create or edit, generated from the type's field schema; the backend validates as an import does. */
export function RecordForm({ schema, id, onDone, onCancel, stepUp }: { schema: TypeSchema; id?: string; onDone: (id: string) => void; onCancel: () => void; stepUp?: StepUpDialog }) {
  const { t } = useTranslation();
  const record = useRecord(schema.name, id ?? '');
  const schemas = useSchemas(); // which link targets the pickers may look up
  if ((id && record.isPending) || schemas.isPending) return <Text c="dimmed">{t('records.list.loading')}</Text>;
  if (id && record.isError) return <ErrorAlert error={record.error} />;
  return (
    <FormLinksContext.Provider value={(id && record.data) || {}}>
      <FormBody schema={schema} id={id} values={id ? (record.data?.values as Record<string, unknown>) : { status: 'open' }} onDone={onDone} onCancel={onCancel} stepUp={stepUp} />
    </FormLinksContext.Provider>
  );
}

function FormBody({ schema, id, values, onDone, onCancel, stepUp }: { schema: TypeSchema; id?: string; values: Record<string, unknown>; onDone: (id: string) => void; onCancel: () => void; stepUp?: StepUpDialog }) {
  const { t } = useTranslation();
  const singular = useSingular();
  const client = useQueryClient();
  const [recordId, setRecordId] = useState(() => id ?? newId(schema.name));
  const [form, setForm] = useState<FormState>(() => initialForm(schema.fields, values));
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [askStepUp, setAskStepUp] = useState(false);
  const fields = editableFields(schema.fields);
  const plain = fields.filter((f) => f.kind !== 'children');
  const children = fields.filter((f) => f.kind === 'children');

  const set = (name: string, value: FormValue) => setForm((f) => ({ ...f, [name]: value }));
  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    setBusy(true);
    setError(null);
    setProblems({});
    try {
      const res = await recordsApi.saveRecord(schema.name, recordId.trim(), formToValues(schema.fields, form), !id);
      if (res.problems.length > 0) {
        const next: Record<string, string> = {};
        for (const p of res.problems) next[problemField(p.field) || '_'] = p.field.includes('[') ? `${p.field}: ${p.message}` : p.message;
        setProblems(next);
        return;
      }
      notifications.show({ color: 'teal', message: t('records.form.saved') });
      await client.invalidateQueries({ queryKey: ['records'] });
      await client.invalidateQueries({ queryKey: ['record', schema.name, recordId.trim()] });
      onDone(recordId.trim());
    } catch (reason) {
      if (stepUp && toBackendError(reason).code === ErrorCode.SecondFactorRequired) setAskStepUp(true);
      else setError(reason);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} data-testid="record-form" noValidate>
      {stepUp?.({ opened: askStepUp, onPassed: () => void submit(), onClose: () => setAskStepUp(false) })}
      <Stack gap="lg">
        <Title order={2}>{id ? t('records.form.editTitle', { type: inSentence(singular(schema)), id }) : t('records.form.newTitle', { type: singular(schema) })}</Title>
        {error !== null && <ErrorAlert error={error} />}
        {Object.keys(problems).length > 0 && (
          <Alert color="red" role="alert" data-testid="form-problem">
            {t('records.form.problem')}
            {problems._ && <Text size="sm">{problems._}</Text>}
          </Alert>
        )}
        <Paper withBorder radius="md" p="lg">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput
              label={t('records.form.id')}
              description={t('records.form.idHint')}
              value={recordId}
              onChange={(e) => setRecordId(e.currentTarget.value)}
              disabled={!!id}
              error={problems.id}
              name="id"
              required
            />
            {plain.map((f) => (
              <FieldInput key={f.name} field={f} value={form[f.name]} error={problems[f.name]} onChange={(v) => set(f.name, v)} />
            ))}
          </SimpleGrid>
        </Paper>
        {children.map((f) => (
          <ChildRowsInput key={f.name} field={f} rows={(form[f.name] as FormRow[]) ?? []} error={problems[f.name]} onChange={(rows) => set(f.name, rows)} />
        ))}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('records.form.cancel')}
          </Button>
          <Button type="submit" loading={busy} data-testid="save-record">
            {t('records.form.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Time fields that hold a day, not a moment. */
const dayFields = new Set(['date', 'due_date', 'due']);

function FieldInput({ field, value, error, onChange, compact }: { field: FieldSchema; value: FormValue | undefined; error?: string; onChange: (v: FormValue) => void; compact?: boolean }) {
  const { t } = useTranslation();
  const label = useLabel();
  const words = useWords();
  const schemas = useSchemas();
  const common = { label: compact ? undefined : label(field), 'aria-label': label(field), error, name: field.name };
  // Links to a type the user may read are picked by name; others are typed as ids.
  const pickable = !!field.target && !!schemas.data?.some((s) => s.name === field.target);
  if (pickable && (field.kind === 'link' || field.kind === 'customer_link')) {
    return <LinkSelect {...common} target={field.target!} value={String(value ?? '')} onChange={onChange} />;
  }
  if (pickable && field.kind === 'link_list') {
    const ids = String(value ?? '')
      .split('\n')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    return <LinkMultiSelect {...common} target={field.target!} value={ids} onChange={(v) => onChange(v.join('\n'))} />;
  }
  switch (field.kind) {
    case 'boolean':
      return <Switch {...common} checked={value === true} onChange={(e) => onChange(e.currentTarget.checked)} mt={compact ? 0 : 'lg'} />;
    case 'enum':
      return (
        <Select
          {...common}
          data={(field.enum ?? []).map((v) => ({ value: v, label: words.value(field.name, v) }))}
          value={typeof value === 'string' && value !== '' ? value : null}
          onChange={(v) => onChange(v ?? '')}
          clearable
        />
      );
    case 'link_list':
    case 'strings':
    case 'object':
      return (
        <Textarea {...common} description={compact ? undefined : field.kind === 'object' ? 'JSON' : t('records.form.listHint')} autosize minRows={2} value={String(value ?? '')} onChange={(e) => onChange(e.currentTarget.value)} />
      );
    case 'time': {
      // A picker in local time; the stored value stays RFC 3339 UTC. Fields that hold a day
      // (date, due_date) pick a date alone, stored as midnight UTC.
      const stored = String(value ?? '');
      if (dayFields.has(field.name)) {
        return <TextInput {...common} type="date" value={toDateInput(stored)} onChange={(e) => onChange(fromDateInput(e.currentTarget.value))} />;
      }
      return <TextInput {...common} type="datetime-local" value={toLocalInput(stored)} onChange={(e) => onChange(fromLocalInput(e.currentTarget.value))} />;
    }
    default: {
      const long = field.class === 'F' && !compact;
      const placeholder = field.kind === 'link' || field.kind === 'customer_link' ? field.target : undefined;
      return long ? (
        <Textarea {...common} autosize minRows={2} value={String(value ?? '')} onChange={(e) => onChange(e.currentTarget.value)} />
      ) : (
        <TextInput {...common} placeholder={placeholder} value={String(value ?? '')} onChange={(e) => onChange(e.currentTarget.value)} />
      );
    }
  }
}

function ChildRowsInput({ field, rows, error, onChange }: { field: FieldSchema; rows: FormRow[]; error?: string; onChange: (rows: FormRow[]) => void }) {
  const { t } = useTranslation();
  const label = useLabel();
  const cols = field.children ?? [];
  return (
    <Paper withBorder radius="md" p="lg" data-testid={`edit-children-${field.name}`}>
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h5">
          {label(field)}
        </Title>
        <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => onChange([...rows, emptyRow(field)])}>
          {t('records.form.addRow')}
        </Button>
      </Group>
      {error && (
        <Text c="red" size="sm" mb="xs">
          {error}
        </Text>
      )}
      {rows.length > 0 && (
        <Table.ScrollContainer minWidth={480}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                {cols.map((c) => (
                  <Table.Th key={c.name}>{label(c)}</Table.Th>
                ))}
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row, i) => (
                <Table.Tr key={i}>
                  {cols.map((c) => (
                    <Table.Td key={c.name}>
                      <FieldInput compact field={c} value={row[c.name]} onChange={(v) => onChange(rows.map((r, j) => (j === i ? { ...r, [c.name]: v } : r)))} />
                    </Table.Td>
                  ))}
                  <Table.Td>
                    <ActionIcon variant="subtle" color="red" aria-label={t('records.form.removeRow')} onClick={() => onChange(rows.filter((_, j) => j !== i))}>
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
