import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { backend, type TypeSchema } from '@/lib/backend';
import { renderWithApp } from '@/testing/render';
import { RecordList } from '../components/RecordList';

vi.mock('@/lib/backend', async (importOriginal) => {
  const real = await importOriginal<typeof import('@/lib/backend')>();
  return { ...real, backend: { listRecords: vi.fn() } };
});

const list = vi.mocked(backend.listRecords);

const schema: TypeSchema = {
  name: 'customer',
  area: 'Workcloud',
  location: 'Kundregister',
  labelSv: 'Kunder',
  labelEn: 'Customers',
  writable: true,
  readRoles: [],
  onDelete: true,
  fields: [
    { name: 'customer_number', kind: 'customer_link', class: 'L', labelSv: 'Kundnummer', labelEn: 'Customer number' },
    { name: 'name', kind: 'string', class: 'P', labelSv: 'Namn', labelEn: 'Name' },
    { name: 'status', kind: 'enum', class: '', enum: ['open', 'closed', 'deleted'], labelSv: 'Status', labelEn: 'Status' },
    { name: 'updated_at', kind: 'time', class: '', labelSv: 'Uppdaterad', labelEn: 'Updated' },
  ],
};

beforeEach(() => {
  list.mockReset();
  list.mockImplementation(async (q) => ({
    total: q.text ? 1 : 1_000_000,
    items: [{ type: 'customer', id: `C${q.offset + 1}`, values: { customer_number: '1001', name: 'Åsa Lindström', status: 'open', updated_at: '2026-03-01T09:30:00Z' }, names: {}, customers: {} }],
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
    await userEvent.click(screen.getByText('Åsa Lindström'));
    expect(onOpen).toHaveBeenCalledWith('C1');
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
