import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { singularOf, usePick, type Labelled } from '@/lib/i18n/pick';
import { useWords, type Words } from '@/lib/labels';
import { schemasKey, useSchemas, type FieldSchema, type TypeSchema } from '@/lib/schemas';
import { recordsApi, type RecordQuery } from './recordsApi';

export { schemasKey, useSchemas };

/** One page of a type's records; the previous page stays on screen while the next loads. */
export function useRecordPage(query: RecordQuery) {
  return useQuery({ queryKey: ['records', query], queryFn: () => recordsApi.listRecords(query), placeholderData: keepPreviousData });
}

export function useRecord(type: string, id: string) {
  return useQuery({ queryKey: ['record', type, id], queryFn: () => recordsApi.getRecord(type, id), enabled: id !== '' });
}

/** The label of a type or field in the UI language (the registry holds both). */
export function useLabel(): (item: Labelled) => string {
  return usePick().label;
}

/** A type's label for one record ("Kund"), from the registry's singular labels. */
export function useSingular() {
  const { language } = usePick();
  return (schema: TypeSchema) => singularOf(language, schema);
}

/** Fields the app keeps itself and forms do not offer. */
export const appKept = new Set(['versions', 'created_at', 'updated_at']);

/** The few fields a list shows besides the id: the first plain ones of the type. */
export function summaryFields(schema: TypeSchema): FieldSchema[] {
  const plain = ['string', 'time', 'number', 'enum', 'customer_link', 'link'];
  const lifecycle = new Set(['status', 'created_at', 'updated_at', 'closed_at', 'deleted_at', 'invoiced_at']);
  return schema.fields.filter((f) => plain.includes(f.kind) && !lifecycle.has(f.name)).slice(0, 4);
}

/** A value as text for lists and the detail view. */
export function display(value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  if (Array.isArray(value)) return value.map((v) => display(v)).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** A stored value as the screen shows it: times local, numbers and amounts in the language's
 * way, enum values and booleans in words; anything else as display() gives it. */
export function formatValue(words: Words, yesNo: [string, string], field: Pick<FieldSchema, 'name' | 'kind'>, value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  // The logs' codes, stored as plain strings: in words.
  if (typeof value === 'string' && field.kind === 'string') {
    if (field.name === 'action') return words.action(value);
    if (field.name === 'target_type') return words.typeSingular(value);
    if (field.name === 'code') return words.code(value);
  }
  switch (field.kind) {
    case 'time':
      return typeof value === 'string' ? words.dateTime(value) : display(value);
    case 'number':
      if (typeof value !== 'number') return display(value);
      return field.name === 'amount' ? words.amount(value) : words.number(value);
    case 'enum':
      return typeof value === 'string' ? words.value(field.name, value) : display(value);
    case 'boolean':
      return value === true ? yesNo[0] : yesNo[1];
  }
  return display(value);
}

/** formatValue bound to the UI language. */
export function useFormatValue() {
  const { t } = useTranslation();
  const words = useWords();
  const yesNo: [string, string] = [t('records.form.yes'), t('records.form.no')];
  return (field: Pick<FieldSchema, 'name' | 'kind'>, value: unknown) => formatValue(words, yesNo, field, value);
}
