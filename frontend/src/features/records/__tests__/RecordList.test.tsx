import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { TypeSchema } from '@/lib/schemasApi';
import { recordsApi } from '../api/recordsApi';
import { renderWithApp } from '@/testing/render';
import { columnsThatFit, RecordList } from '../components/RecordList';

vi.mock('../api/recordsApi', async (importOriginal) => {
  const real = await importOriginal<typeof import('../api/recordsApi')>();
  return { ...real, recordsApi: { listRecords: vi.fn() } };
});

const list = vi.mocked(recordsApi.listRecords);

const schema: TypeSchema = {
  name: 'customer',
  area: 'Workcloud',
  location: 'Kundregister',
  labelSv: 'Kunder',
  labelEn: 'Customers',
  singularSv: 'Kund',
  singularEn: 'Customer',
  writable: true,
  readRoles: [],
  onDelete: true,
  fields: [
    { name: 'customer_number', kind: 'customer_link', class: 'L', labelSv: 'Kundnummer', labelEn: 'Customer number' },
    { name: 'name', kind: 'string', class: 'P', labelSv: 'Namn', labelEn: 'Name' },
    { name: 'kind', kind: 'enum', class: '', enum: ['private', 'company'], labelSv: 'Typ', labelEn: 'Kind' },
    { name: 'status', kind: 'enum', class: '', enum: ['open', 'closed', 'deleted'], labelSv: 'Status', labelEn: 'Status' },
    { name: 'updated_at', kind: 'time', class: '', labelSv: 'Uppdaterad', labelEn: 'Updated' },
  ],
};

beforeEach(() => {
  list.mockReset();
  list.mockImplementation(async (q) => ({
    total: q.text ? 1 : 1_000_000,
    items: [{ type: 'customer', id: `C${q.offset + 1}`, values: { customer_number: '1001', name: 'Åsa Lindström', kind: 'company', status: 'open', updated_at: '2026-03-01T09:30:00Z' }, names: {}, customers: {} }],
    names: {},
    customers: {},
  }));
});

describe('RecordList', () => {
  it('shows the total and the first page from the backend, with the registry labels', async () => {
    const onOpen = vi.fn();
    renderWithApp(<RecordList schema={schema} onOpen={onOpen} onNew={vi.fn()} />);
    await waitFor(() => expect(screen.getByTestId('record-total')).toHaveTextContent('1,000,000 records'));
    expect(screen.getByRole('heading', { name: 'Customers' })).toBeInTheDocument();
    expect(screen.getByText('Customer number')).toBeInTheDocument();
    expect(list).toHaveBeenCalledWith(expect.objectContaining({ type: 'customer', offset: 0, limit: 50, sort: 'updated_at', desc: true, text: '' }));
    // Enum values and times in words, never as stored.
    expect(screen.getByText('Company')).toBeInTheDocument();
    expect(screen.queryByText('company')).not.toBeInTheDocument();
    expect(screen.getByTestId('record-table')).not.toHaveTextContent(/\d{4}-\d{2}-\d{2}T/);
    expect(screen.getByTestId('record-table')).toHaveTextContent(/1 Mar 2026/);
    await userEvent.click(screen.getByText('Åsa Lindström'));
    expect(onOpen).toHaveBeenCalledWith('C1');
  });

  it('keep the id, the name and the status in a narrow window, hiding the rest by priority', () => {
    expect(columnsThatFit(0, 4, true)).toEqual({ fields: 4, updated: true }); // not measured yet
    expect(columnsThatFit(420, 4, true)).toEqual({ fields: 1, updated: false });
    expect(columnsThatFit(650, 4, true)).toEqual({ fields: 2, updated: false });
    expect(columnsThatFit(800, 4, true)).toEqual({ fields: 2, updated: true });
    expect(columnsThatFit(1600, 4, true)).toEqual({ fields: 4, updated: true });
  });

  it('pages, sorts and filters in the backend; the filter is debounced', async () => {
    renderWithApp(<RecordList schema={schema} onOpen={vi.fn()} onNew={vi.fn()} />);
    await screen.findByText('Åsa Lindström');
    await userEvent.click(screen.getByRole('button', { name: '2' }));
    await waitFor(() => expect(list).toHaveBeenLastCalledWith(expect.objectContaining({ offset: 50 })));
    await userEvent.click(screen.getByRole('button', { name: 'Sort by Id' }));
    await waitFor(() => expect(list).toHaveBeenLastCalledWith(expect.objectContaining({ sort: 'id', desc: false, offset: 0 })));
    const calls = list.mock.calls.length;
    await userEvent.type(screen.getByTestId('record-filter'), 'Åsa');
    await waitFor(() => expect(list).toHaveBeenLastCalledWith(expect.objectContaining({ text: 'Åsa' })));
    // One request for the typed word, not one per letter.
    expect(list.mock.calls.filter((c) => c[0].text !== '').length).toBe(1);
    expect(list.mock.calls.length - calls).toBeLessThanOrEqual(2);
    await waitFor(() => expect(screen.getByTestId('record-total')).toHaveTextContent(/^1 record$/));
  });
});
