import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { schemasApi, type FieldSchema, type TypeSchema } from '@/lib/schemasApi';
import { recordsApi, type RecordDetail } from '../api/recordsApi';
import { renderWithApp } from '@/testing/render';
import { RecordDetail as Detail } from '../components/RecordDetail';
import { RecordForm } from '../components/RecordForm';
import { RecordList } from '../components/RecordList';

vi.mock('../api/recordsApi', async (importOriginal) => {
  const real = await importOriginal<typeof import('../api/recordsApi')>();
  return { ...real, recordsApi: { getRecord: vi.fn(), lookupRecords: vi.fn(), saveRecord: vi.fn(), listRecords: vi.fn() } };
});
vi.mock('@/lib/schemasApi', async (importOriginal) => {
  const real = await importOriginal<typeof import('@/lib/schemasApi')>();
  return { ...real, schemasApi: { recordSchemas: vi.fn() } };
});

const get = vi.mocked(recordsApi.getRecord);
const lookup = vi.mocked(recordsApi.lookupRecords);
const save = vi.mocked(recordsApi.saveRecord);

const f = (name: string, kind: string, target?: string, children?: FieldSchema[]): FieldSchema => ({ name, kind, class: kind.includes('link') ? 'L' : '', target, children, labelSv: name, labelEn: name });
const type = (name: string, fields: FieldSchema[]): TypeSchema => ({ name, area: 'Workcloud', location: '', labelSv: name, labelEn: name, singularSv: name, singularEn: name, writable: true, readRoles: [], onDelete: false, fields });

const group = type('group', [f('name', 'string'), f('members', 'link_list', 'user'), f('status', 'enum')]);
const workOrder = type('work_order', [
  f('title', 'string'),
  f('customer_number', 'customer_link', 'customer'),
  f('contact_person', 'link', 'contact_person'),
  f('comments', 'children', undefined, [f('author', 'link', 'user'), f('text', 'string')]),
  f('versions', 'children', undefined, [f('changed_at', 'time'), f('changed_by', 'link', 'user')]),
]);
const user = type('user', [f('name', 'string')]);
const customer = type('customer', [f('name', 'string')]);

const anna = { value: 'U1', id: 'U1', name: 'Anna Öberg (anna)' };
const erik = { value: 'U2', id: 'U2', name: 'Erik Åström (erik)' };
const asa = { value: '1001', id: 'C1', name: 'Åsa Lindström' };

const detail = (typeName: string, id: string, values: Record<string, unknown>, names: Record<string, string> = {}, customers: Record<string, string> = {}): RecordDetail => ({ type: typeName, id, values, names, customers });

beforeEach(() => {
  vi.clearAllMocks();
  // contact_person is not among the readable types: its link is typed as an id.
  vi.mocked(schemasApi.recordSchemas).mockResolvedValue([group, workOrder, user, customer]);
  lookup.mockImplementation(async (typeName, text) => {
    const all = typeName === 'user' ? [anna, erik] : typeName === 'customer' ? [asa] : [];
    return all.filter((o) => text === '' || `${o.value} ${o.name}`.toLowerCase().includes(text.toLowerCase()));
  });
  save.mockImplementation(async (typeName, id, values) => ({ record: detail(typeName, id, values), problems: [] }));
});

describe('the detail view', () => {
  it('shows links, link lists, customer numbers and the history by name, as links', async () => {
    get.mockResolvedValue(
      detail(
        'work_order',
        'WO1',
        {
          title: 'Byte',
          customer_number: '1001',
          contact_person: 'CP1',
          comments: [{ author: 'U1', text: 'Klart' }],
          versions: [{ changed_at: '2026-03-01T09:30:00Z', changed_by: 'U1', fields: { title: 'Gammal' } }],
        },
        { 'customer_number/1001': 'Åsa Lindström', 'user/U1': 'Anna Öberg (anna)' },
        { '1001': 'C1' },
      ),
    );
    renderWithApp(<Detail schema={workOrder} id="WO1" onBack={vi.fn()} onEdit={vi.fn()} onDeleted={vi.fn()} />);
    const customerLink = await within(await screen.findByTestId('field-customer_number')).findByRole('link');
    expect(customerLink).toHaveTextContent('Åsa Lindström (1001)');
    expect(customerLink).toHaveAttribute('href', '#/records/customer/C1');
    // Not named (not the user's to read, or gone): the bare id, still a link.
    expect(within(screen.getByTestId('field-contact_person')).getByRole('link')).toHaveTextContent(/^CP1$/);
    expect(within(screen.getByTestId('children-comments')).getByRole('link', { name: 'Anna Öberg (anna) (U1)' })).toHaveAttribute('href', '#/records/user/U1');
    const history = screen.getByTestId('version-history');
    expect(within(history).getByText(/Changed by Anna Öberg \(anna\)$/)).toBeInTheDocument();
    expect(within(history).getByRole('link')).toHaveAttribute('href', '#/records/user/U1');
  });

  it('shows one link per member of a link list', async () => {
    get.mockResolvedValue(detail('group', 'G1', { name: 'Montörer', members: ['U1', 'U7'] }, { 'user/U1': 'Anna Öberg (anna)' }));
    renderWithApp(<Detail schema={group} id="G1" onBack={vi.fn()} onEdit={vi.fn()} onDeleted={vi.fn()} />);
    const members = await screen.findByTestId('field-members');
    const links = within(members).getAllByRole('link');
    expect(links.map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['Anna Öberg (anna) (U1)', '#/records/user/U1'],
      ['U7', '#/records/user/U7'],
    ]);
  });

  it('shows a customer number nobody could name as plain text', async () => {
    get.mockResolvedValue(detail('work_order', 'WO2', { customer_number: '0' }));
    renderWithApp(<Detail schema={workOrder} id="WO2" onBack={vi.fn()} onEdit={vi.fn()} onDeleted={vi.fn()} />);
    const field = await screen.findByTestId('field-customer_number');
    expect(field).toHaveTextContent('0');
    expect(within(field).queryByRole('link')).toBeNull();
  });
});

describe('the list', () => {
  it('shows the linked customer by name', async () => {
    vi.mocked(recordsApi.listRecords).mockResolvedValue({
      total: 2,
      items: [detail('work_order', 'WO1', { title: 'Byte', customer_number: '1001' }), detail('work_order', 'WO2', { title: 'Målning', customer_number: '0' })],
      names: { 'customer_number/1001': 'Åsa Lindström' },
      customers: { '1001': 'C1' },
    });
    renderWithApp(<RecordList schema={workOrder} onOpen={vi.fn()} onNew={vi.fn()} />);
    expect(await within(await screen.findByTestId('row-WO1')).findByText('Åsa Lindström (1001)')).toBeInTheDocument();
    expect(within(screen.getByTestId('row-WO2')).getByText('0')).toBeInTheDocument();
  });
});

describe('the edit form', () => {
  it("picks a group's members by name and saves their ids", async () => {
    get.mockResolvedValue(detail('group', 'G1', { name: 'Montörer', members: ['U1'], status: 'open' }, { 'user/U1': 'Anna Öberg (anna)' }));
    renderWithApp(<RecordForm schema={group} id="G1" onDone={vi.fn()} onCancel={vi.fn()} />);
    const input = await screen.findByTestId('link-members');
    expect(screen.getByText('Anna Öberg (anna) (U1)')).toBeInTheDocument();
    await userEvent.click(input);
    await userEvent.type(input, 'Erik');
    // The lookup is debounced: one request for the typed word, not one per letter.
    await waitFor(() => expect(lookup).toHaveBeenCalledWith('user', 'Erik', 20));
    expect(lookup.mock.calls.filter(([, text]) => text !== '')).toEqual([['user', 'Erik', 20]]);
    const option = await screen.findByRole('option', { name: 'Erik Åström (erik) (U2)', hidden: true });
    await userEvent.click(option);
    expect(screen.getByText('Erik Åström (erik) (U2)')).toBeInTheDocument();
    await userEvent.click(screen.getByTestId('save-record'));
    await waitFor(() => expect(save).toHaveBeenCalledWith('group', 'G1', expect.objectContaining({ members: ['U1', 'U2'] }), false));
  });

  it('picks a customer by name and submits the customer number', async () => {
    get.mockResolvedValue(detail('work_order', 'WO1', { title: 'Byte' }));
    renderWithApp(<RecordForm schema={workOrder} id="WO1" onDone={vi.fn()} onCancel={vi.fn()} />);
    const input = await screen.findByTestId('link-customer_number');
    await userEvent.click(input);
    await userEvent.type(input, 'Åsa');
    await userEvent.click(await screen.findByRole('option', { name: 'Åsa Lindström (1001)', hidden: true }));
    expect(input).toHaveValue('Åsa Lindström (1001)');
    await userEvent.click(screen.getByTestId('save-record'));
    await waitFor(() => expect(save).toHaveBeenCalledWith('work_order', 'WO1', expect.objectContaining({ customer_number: '1001' }), false));
  });

  it('keeps a typed number that was not picked, so a dangling one gets the field error', async () => {
    get.mockResolvedValue(detail('work_order', 'WO1', { title: 'Byte', customer_number: '1001' }, { 'customer_number/1001': 'Åsa Lindström' }, { '1001': 'C1' }));
    save.mockResolvedValueOnce({ record: null as unknown as RecordDetail, problems: [{ field: 'customer_number', message: 'customer "9999" does not exist' }] });
    renderWithApp(<RecordForm schema={workOrder} id="WO1" onDone={vi.fn()} onCancel={vi.fn()} />);
    const input = await screen.findByTestId('link-customer_number');
    expect(input).toHaveValue('Åsa Lindström (1001)');
    await userEvent.clear(input);
    await userEvent.type(input, '9999');
    fireEvent.blur(input);
    await waitFor(() => expect(input).toHaveValue('9999'));
    await userEvent.click(screen.getByTestId('save-record'));
    await waitFor(() => expect(save).toHaveBeenCalledWith('work_order', 'WO1', expect.objectContaining({ customer_number: '9999' }), false));
    await screen.findByText('customer "9999" does not exist');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    // Typing an existing number the same way takes that customer.
    await userEvent.clear(input);
    await userEvent.type(input, '1001');
    await screen.findByRole('option', { name: 'Åsa Lindström (1001)', hidden: true });
    fireEvent.blur(input);
    await waitFor(() => expect(input).toHaveValue('Åsa Lindström (1001)'));
  });

  it('takes a typed number on Enter instead of submitting the old value; a second Enter saves', async () => {
    get.mockResolvedValue(detail('work_order', 'WO1', { title: 'Byte', customer_number: '1001' }, { 'customer_number/1001': 'Åsa Lindström' }, { '1001': 'C1' }));
    renderWithApp(<RecordForm schema={workOrder} id="WO1" onDone={vi.fn()} onCancel={vi.fn()} />);
    const input = await screen.findByTestId('link-customer_number');
    await userEvent.clear(input);
    await userEvent.type(input, '9999{Enter}');
    await waitFor(() => expect(input).toHaveValue('9999'));
    expect(save).not.toHaveBeenCalled();
    await userEvent.type(input, '{Enter}');
    await waitFor(() => expect(save).toHaveBeenCalledWith('work_order', 'WO1', expect.objectContaining({ customer_number: '9999' }), false));
  });

  it('adds a typed member id on Enter and clears the search', async () => {
    get.mockResolvedValue(detail('group', 'G1', { name: 'Montörer', members: ['U1'], status: 'open' }, { 'user/U1': 'Anna Öberg (anna)' }));
    renderWithApp(<RecordForm schema={group} id="G1" onDone={vi.fn()} onCancel={vi.fn()} />);
    const input = await screen.findByTestId('link-members');
    await userEvent.click(input);
    await userEvent.type(input, 'U9{Enter}');
    await screen.findByText('U9');
    expect(input).toHaveValue('');
    expect(save).not.toHaveBeenCalled();
    await userEvent.click(screen.getByTestId('save-record'));
    await waitFor(() => expect(save).toHaveBeenCalledWith('group', 'G1', expect.objectContaining({ members: ['U1', 'U9'] }), false));
  });

  it('types ids where the target is not the user to read', async () => {
    get.mockResolvedValue(detail('work_order', 'WO1', { title: 'Byte', contact_person: 'CP1' }));
    renderWithApp(<RecordForm schema={workOrder} id="WO1" onDone={vi.fn()} onCancel={vi.fn()} />);
    await screen.findByTestId('link-customer_number');
    const typed = document.querySelector('input[name="contact_person"]');
    expect(typed).toHaveValue('CP1');
    expect(lookup).not.toHaveBeenCalledWith('contact_person', expect.anything(), expect.anything());
  });
});
