import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { schemasApi, type TypeSchema } from '@/lib/schemasApi';
import { logsApi, type LogQuery } from '../api/logsApi';
import { renderWithApp } from '@/testing/render';
import { codeColour, LogsScreen, targetHref } from '../components/LogsScreen';

vi.mock('../api/logsApi', async (importOriginal) => {
  const real = await importOriginal<typeof import('../api/logsApi')>();
  return { ...real, logsApi: { list: vi.fn(), lookup: vi.fn(), chooseCsvFile: vi.fn(), exportCsv: vi.fn() } };
});
vi.mock('@/lib/schemasApi', async (importOriginal) => {
  const real = await importOriginal<typeof import('@/lib/schemasApi')>();
  return { ...real, schemasApi: { recordSchemas: vi.fn() } };
});

const list = vi.mocked(logsApi.list);
const schema = (name: string, labelSv: string, singularSv: string, labelEn: string, singularEn: string): TypeSchema => ({
  name, area: 'Workcloud', location: '', labelSv, labelEn, singularSv, singularEn, writable: true, readRoles: [], onDelete: false, fields: [],
});
const row = (id: string, values: Record<string, string>) => ({ type: 'event', id, values, names: {}, customers: {} });

beforeEach(() => {
  list.mockReset();
  vi.mocked(schemasApi.recordSchemas).mockResolvedValue([schema('work_order', 'Arbetsordrar', 'Arbetsorder', 'Work orders', 'Work order')]);
  vi.mocked(logsApi.lookup).mockImplementation(async (_type, id) => [{ value: id, id, name: 'Byte av blandare' }]);
  list.mockImplementation(async (q: LogQuery) => ({
    total: 2,
    names: {},
    customers: {},
    items:
      q.type === 'event'
        ? [
            row('EV1', { occurred_at: '2022-07-15T05:43:10Z', username: 'anna', action: 'vault.decrypt', target_type: 'vault_entry', target_id: 'E1' }),
            row('EV2', { occurred_at: '2022-07-15T06:00:00Z', username: 'bo', action: 'delete', target_type: 'work_order', target_id: 'WO1' }),
          ]
        : [
            row('SL1', { occurred_at: '2022-07-15T05:43:10Z', kind: 'login', username: 'anna', code: 'LOGIN_OK' }),
            row('SL2', { occurred_at: '2022-07-15T05:44:10Z', kind: 'login', username: 'bo', code: 'bad_credentials' }),
          ],
  }));
});

describe('LogsScreen', () => {
  it('shows actions and records in words, linked, with local times', async () => {
    renderWithApp(<LogsScreen />, { language: 'sv' });
    const table = await screen.findByTestId('log-event');
    expect(await within(table).findByText('Visade krypterade uppgifter')).toBeInTheDocument();
    expect(within(table).getByText('Tog bort')).toBeInTheDocument();
    expect(within(table).getByRole('link', { name: 'Säker uppgift E1' })).toHaveAttribute('href', '#/vault/entry/E1');
    expect(await within(table).findByRole('link', { name: 'Arbetsorder WO1 · Byte av blandare' })).toHaveAttribute('href', '#/records/work_order/WO1');
    expect(table).not.toHaveTextContent(/vault\.decrypt|vault_entry|work_order|\d{4}-\d{2}-\d{2}T/);
    expect(table).toHaveTextContent(/15 juli 2022/);
  });

  it('filters by person, action and period in the backend', async () => {
    renderWithApp(<LogsScreen />, { language: 'en' });
    await screen.findByTestId('log-event');
    await userEvent.type(screen.getByTestId('person-event'), 'anna');
    await waitFor(() => expect(list).toHaveBeenLastCalledWith(expect.objectContaining({ type: 'event', match: { username: 'anna' } })));
    await userEvent.type(screen.getByTestId('from-event'), '2022-07-01');
    await waitFor(() => expect(list.mock.lastCall?.[0].since).toMatch(/^2022-0[67]-\d\dT\d\d:\d\d:\d\dZ$/));
    expect(list.mock.lastCall?.[0].until).toBe('');
  });

  it('shows system-log codes in words whatever their casing, and a good login not in red', async () => {
    renderWithApp(<LogsScreen />, { language: 'sv' });
    await userEvent.click(await screen.findByTestId('tab-system'));
    const table = await screen.findByTestId('log-system_log');
    const codes = await within(table).findAllByTestId('system-code');
    expect(codes.map((c) => c.textContent)).toEqual(['Inloggad', 'Fel användarnamn eller lösenord']);
    expect(codes.map((c) => c.getAttribute('data-colour'))).toEqual(['teal', 'orange']);
    expect(within(table).getByText('login_ok')).toBeInTheDocument(); // the code, in one casing
  });

  it('links every kind of target, and colours only errors red', () => {
    expect(targetHref('vault_entry', 'E1')).toBe('#/vault/entry/E1');
    expect(targetHref('vault_form', 'F1')).toBe('#/vault/form/F1');
    expect(targetHref('customer', 'C 1')).toBe('#/records/customer/C%201');
    expect(codeColour('login', 'LOGIN_OK')).toBe('teal');
    expect(codeColour('login', 'bad_credentials')).toBe('orange');
    expect(codeColour('error', 'internal')).toBe('red');
  });
});
