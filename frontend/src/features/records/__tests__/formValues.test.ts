import { describe, expect, it } from 'vitest';
import type { FieldSchema } from '@/lib/schemas';
import { formToValues, initialForm, problemField } from '../api/formValues';

const f = (name: string, kind: string, children?: FieldSchema[]): FieldSchema => ({ name, kind, class: '', labelSv: name, labelEn: name, children });

const fields = [
  f('title', 'string'),
  f('hours', 'number'),
  f('done', 'boolean'),
  f('members', 'link_list'),
  f('comments', 'children', [f('text', 'string'), f('author', 'link')]),
  f('versions', 'children', [f('changed_at', 'time')]),
  f('updated_at', 'time'),
];

describe('form values', () => {
  it('round-trip a stored record through the form, leaving out what the app keeps', () => {
    const stored = { title: 'Läcka', hours: 1.5, done: true, members: ['U1', 'U2'], comments: [{ text: 'Ring först', author: 'U1' }], versions: [{ changed_at: 'x' }], updated_at: 'y' };
    const form = initialForm(fields, stored);
    expect(form).toEqual({ title: 'Läcka', hours: '1.5', done: true, members: 'U1\nU2', comments: [{ text: 'Ring först', author: 'U1' }] });
    expect(formToValues(fields, form)).toEqual({ title: 'Läcka', hours: 1.5, done: true, members: ['U1', 'U2'], comments: [{ text: 'Ring först', author: 'U1' }] });
  });

  it('leave empty inputs and empty rows out, and keep a bad number for the backend to name', () => {
    const form = { title: '  ', hours: '1,25', done: false, members: '\n U3 \n', comments: [{ text: '', author: '' }] };
    expect(formToValues(fields, form)).toEqual({ hours: 1.25, members: ['U3'] });
    expect(formToValues(fields, { ...form, hours: 'abc' })).toMatchObject({ hours: 'abc' });
  });

  it('find the top-level field of a problem path', () => {
    expect(problemField('comments[0].text')).toBe('comments');
    expect(problemField('customer_number')).toBe('customer_number');
  });
});
