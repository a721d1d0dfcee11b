import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { schemasApi, type FieldSchema, type TypeSchema } from '@/lib/schemasApi';
import { recordsApi } from '../api/recordsApi';
import { renderWithApp } from '@/testing/render';
import { RecordForm } from '../components/RecordForm';

vi.mock('../api/recordsApi', async (importOriginal) => {
  const real = await importOriginal<typeof import('../api/recordsApi')>();
  return { ...real, recordsApi: { getRecord: vi.fn(), lookupRecords: vi.fn(), saveRecord: vi.fn() } };
});
vi.mock('@/lib/schemasApi', async (importOriginal) => {
  const real = await importOriginal<typeof import('@/lib/schemasApi')>();
  return { ...real, schemasApi: { recordSchemas: vi.fn() } };
});

const save = vi.mocked(recordsApi.saveRecord);
const f = (name: string, kind: string, labelSv: string, e?: string[]): FieldSchema => ({ name, kind, class: '', enum: e, labelSv, labelEn: name });
const meeting: TypeSchema = {
  name: 'meeting', area: 'Workcloud', location: '', labelSv: 'Möten', labelEn: 'Meetings', singularSv: 'Möte', singularEn: 'Meeting',
  writable: true, readRoles: [], onDelete: false,
  fields: [f('title', 'string', 'Rubrik'), f('starts_at', 'time', 'Börjar'), f('date', 'time', 'Datum'), f('kind', 'enum', 'Typ', ['private', 'company']), f('status', 'enum', 'Status', ['open', 'closed'])],
};

beforeEach(() => {
  vi.clearAllMocks();
  vi.mocked(schemasApi.recordSchemas).mockResolvedValue([meeting]);
  vi.mocked(recordsApi.getRecord).mockResolvedValue({ type: 'meeting', id: 'M1', values: { title: 'Besiktning', starts_at: '2026-03-01T09:30:00Z', date: '2026-03-02T00:00:00Z', kind: 'company', status: 'open' }, names: {}, customers: {} });
  save.mockImplementation(async (type, id, values) => ({ record: { type, id, values, names: {}, customers: {} }, problems: [] }));
});

describe('RecordForm', () => {
  it('heads the form with the singular type, offers enum values in words and pickers for times', async () => {
    renderWithApp(<RecordForm schema={meeting} id="M1" onDone={vi.fn()} onCancel={vi.fn()} />, { language: 'sv' });
    expect(await screen.findByRole('heading', { name: 'Redigera möte M1' })).toBeInTheDocument();
    expect(screen.getByDisplayValue('Företag')).toBeInTheDocument();
    expect(screen.getByDisplayValue('Öppen')).toBeInTheDocument();
    const starts = screen.getByLabelText('Börjar');
    expect(starts).toHaveAttribute('type', 'datetime-local');
    expect((starts as HTMLInputElement).value).toMatch(/^2026-03-01T\d\d:30$/); // local wall-clock time
    const day = screen.getByLabelText('Datum');
    expect(day).toHaveAttribute('type', 'date');
    expect(day).toHaveValue('2026-03-02');
    expect(document.body).not.toHaveTextContent(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z/);
  });

  it('saves what was picked as RFC 3339 UTC, and an untouched time as it was', async () => {
    renderWithApp(<RecordForm schema={meeting} id="M1" onDone={vi.fn()} onCancel={vi.fn()} />, { language: 'sv' });
    fireEvent.change(await screen.findByLabelText('Datum'), { target: { value: '2026-04-05' } });
    await userEvent.click(screen.getByTestId('save-record'));
    await waitFor(() => expect(save).toHaveBeenCalled());
    const values = save.mock.calls[0]![2];
    expect(values.date).toBe('2026-04-05T00:00:00Z');
    expect(values.starts_at).toBe('2026-03-01T09:30:00Z');
    fireEvent.change(screen.getByLabelText('Börjar'), { target: { value: '2026-03-01T10:15' } });
    await userEvent.click(screen.getByTestId('save-record'));
    await waitFor(() => expect(save).toHaveBeenCalledTimes(2));
    const picked = save.mock.calls[1]![2].starts_at as string;
    expect(picked).toMatch(/^2026-03-01T\d\d:15:00Z$/);
    expect(new Date(picked).getHours()).toBe(10); // 10:15 local, whatever the zone
  });
});
