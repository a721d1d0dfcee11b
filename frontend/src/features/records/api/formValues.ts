import type { FieldSchema } from '@/lib/schemas';
import { appKept } from './records';

export type FormRow = Record<string, FormValue>;
export type FormValue = string | boolean | FormRow[];
export type FormState = Record<string, FormValue>;

/** Turns a stored value into what the form's input holds. */
function toForm(field: FieldSchema, value: unknown): FormValue {
  switch (field.kind) {
    case 'boolean':
      return value === true;
    case 'link_list':
    case 'strings':
      return Array.isArray(value) ? value.map(String).join('\n') : '';
    case 'children':
      return Array.isArray(value) ? value.map((row) => rowToForm(field.children ?? [], row as Record<string, unknown>)) : [];
    case 'object':
      return value && typeof value === 'object' ? JSON.stringify(value, null, 2) : '';
    default:
      return value === null || value === undefined ? '' : String(value);
  }
}

function rowToForm(fields: FieldSchema[], row: Record<string, unknown>): FormRow {
  return Object.fromEntries(fields.map((f) => [f.name, toForm(f, row[f.name])]));
}

/** The fields a form edits: everything but what the app keeps itself. */
export function editableFields(fields: FieldSchema[]): FieldSchema[] {
  return fields.filter((f) => !appKept.has(f.name));
}

export function initialForm(fields: FieldSchema[], values: Record<string, unknown>): FormState {
  return Object.fromEntries(editableFields(fields).map((f) => [f.name, toForm(f, values[f.name])]));
}

export function emptyRow(field: FieldSchema): FormRow {
  return rowToForm(field.children ?? [], {});
}

/** Turns an input back into a value for the backend; undefined leaves the field out. */
function fromForm(field: FieldSchema, value: FormValue | undefined): unknown {
  switch (field.kind) {
    case 'boolean':
      return value === true ? true : undefined;
    case 'number': {
      const text = String(value ?? '').trim().replace(',', '.');
      if (text === '') return undefined;
      const n = Number(text);
      return Number.isFinite(n) ? n : text;
    }
    case 'link_list':
    case 'strings': {
      const items = String(value ?? '')
        .split('\n')
        .map((s) => s.trim())
        .filter((s) => s !== '');
      return items.length ? items : undefined;
    }
    case 'children': {
      const rows = (Array.isArray(value) ? value : [])
        .map((row) => rowFromForm(field.children ?? [], row))
        .filter((row) => Object.keys(row).length > 0);
      return rows.length ? rows : undefined;
    }
    case 'object': {
      const text = String(value ?? '').trim();
      if (!text) return undefined;
      try {
        return JSON.parse(text) as unknown;
      } catch {
        return text; // the backend names the field
      }
    }
    default: {
      const text = String(value ?? '').trim();
      return text === '' ? undefined : text;
    }
  }
}

function rowFromForm(fields: FieldSchema[], row: FormRow): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = fromForm(f, row[f.name]);
    if (v !== undefined) out[f.name] = v;
  }
  return out;
}

/** The values to save, with what the app keeps (versions, times) carried over from before. */
export function formToValues(fields: FieldSchema[], form: FormState): Record<string, unknown> {
  return rowFromForm(editableFields(fields), form as FormRow);
}

/** The top-level field a backend problem path names: 'comments[0].text' -> 'comments'. */
export function problemField(path: string): string {
  return path.split(/[.[]/)[0] ?? '';
}
