import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BackendError, ErrorCode } from '@/lib/backend';
import { retentionApi, type RetentionOverview, type RetentionPolicy } from '../api/retentionApi';
import { renderWithApp } from '@/testing/render';
import { RetentionSettings } from '../components/RetentionSettings';

vi.mock('../api/retentionApi', async (importOriginal) => {
  const real = await importOriginal<typeof import('../api/retentionApi')>();
  return {
    ...real,
    retentionApi: {
      retentionOverview: vi.fn(),
      setRetentionPolicy: vi.fn(),
      previewRetentionPolicy: vi.fn(),
      previewRetention: vi.fn(),
      runRetentionNow: vi.fn(),
      cancelRetention: vi.fn(),
    },
  };
});

const overview = vi.mocked(retentionApi.retentionOverview);
const setPolicy = vi.mocked(retentionApi.setRetentionPolicy);
const preview = vi.mocked(retentionApi.previewRetention);
const previewPolicy = vi.mocked(retentionApi.previewRetentionPolicy);
const runNow = vi.mocked(retentionApi.runRetentionNow);

const ref = (path: string, labelSv: string, labelEn: string) => ({ path, labelSv, labelEn });

function policy(p: Partial<RetentionPolicy> & { type: string }): RetentionPolicy {
  return {
    area: 'Workcloud',
    labelSv: p.type,
    labelEn: p.type,
    enabled: false,
    days: 0,
    months: 0,
    fixed: false,
    onDelete: '',
    clock: [ref('closed_at', 'Avslutad', 'Closed at'), ref('deleted_at', 'Raderad', 'Deleted at')],
    clockMode: 'earliest',
    deleteRow: false,
    fields: [ref('email', 'E-post', 'E-mail')],
    ...p,
  };
}

function data(): RetentionOverview {
  return {
    policies: [
      policy({ type: 'customer', labelSv: 'Kundregister', labelEn: 'Customer register', onDelete: 'anonymise', clock: [ref('deleted_at', 'Raderad', 'Deleted at')] }),
      policy({ type: 'case', labelSv: 'Ärendehantering', labelEn: 'Cases' }),
      policy({ type: 'event', labelSv: 'Händelser', labelEn: 'Events', fixed: true, enabled: true, days: 30 }),
      policy({ type: 'system_log', area: '', labelSv: 'Systemlogg', labelEn: 'System log', fixed: true, enabled: true, months: 3, deleteRow: true }),
    ],
    running: false,
    nextRun: '2026-11-28T20:00:00Z',
    lastRun: {
      id: 3,
      startedAt: '2026-11-28T19:00:00Z',
      asOf: '2026-11-28T19:00:00Z',
      finishedAt: '2026-11-28T19:00:01Z',
      trigger: 'startup',
      error: '',
      cancelled: false,
      dryRun: false,
      types: [{ type: 'case', labelSv: 'Ärendehantering', labelEn: 'Cases', due: 2, anonymised: 2, deleted: 0, samples: [] }],
      jobs: [],
      total: 2,
    },
    history: [],
    word: 'Anonymiserad',
  };
}

// A stand-in for the Wails runtime, so tests can send backend events.
const handlers = new Map<string, (data: unknown) => void>();
beforeEach(() => {
  for (const m of [overview, setPolicy, preview, runNow]) m.mockReset();
  overview.mockResolvedValue(data());
  handlers.clear();
  window.runtime = {
    EventsOnMultiple: (name: string, cb: (...data: unknown[]) => void) => {
      handlers.set(name, (d) => cb(d));
      return () => handlers.delete(name);
    },
  };
});
afterEach(() => {
  delete window.runtime;
});

// Generous timeouts: the machine running the suite is shared.
describe('RetentionSettings', { timeout: 20000 }, () => {
  it('lists every policy, the fixed rows read-only, in Swedish', async () => {
    renderWithApp(<RetentionSettings />, { language: 'sv' });
    expect(await screen.findByRole('heading', { name: 'Anonymisering' })).toBeInTheDocument();

    const event = screen.getByTestId('policy-event');
    expect(within(event).getByText('30 dagar')).toBeInTheDocument();
    expect(within(event).getByText('Fast')).toBeInTheDocument();
    expect(within(event).getByRole('switch')).toBeDisabled();
    expect(within(event).getByRole('switch')).toBeChecked();
    const log = screen.getByTestId('policy-system_log');
    expect(within(log).getByText('3 månader')).toBeInTheDocument();
    expect(within(log).getByText('Raden raderas')).toBeInTheDocument();

    const customer = screen.getByTestId('policy-customer');
    expect(within(customer).getByText('Anonymisera')).toBeInTheDocument();
    expect(within(customer).getByText('Radera')).toBeInTheDocument();
    expect(within(screen.getByTestId('policy-case')).getByText('avslutad eller raderad')).toBeInTheDocument();
    expect(within(screen.getByTestId('policy-case')).queryByText('Anonymisera')).toBeNull();

    expect(screen.getByTestId('last-run')).toHaveTextContent('2 poster anonymiserade eller raderade');
    expect(screen.getByTestId('last-run')).toHaveTextContent('vid start');
  });

  it('switches a policy on only after the days and a preview naming the count', async () => {
    setPolicy.mockImplementation(async (c) => policy({ type: c.type, enabled: c.enabled ?? false, days: c.days ?? 0 }));
    previewPolicy.mockImplementation(async (type, days) => ({
      type, labelSv: 'Ärendehantering', labelEn: 'Cases', due: days === 0 ? 215 : 12, anonymised: days === 0 ? 215 : 12, deleted: 0,
      samples: [{ id: 'K1', label: 'Cases 1' }],
    }));
    renderWithApp(<RetentionSettings />);
    const row = await screen.findByTestId('policy-case');
    await userEvent.click(within(row).getByRole('switch', { name: 'Anonymisation of Cases' }));
    const dialog = await screen.findByTestId('enable-case');
    // Nothing saved yet, and no preview before the days are given.
    expect(setPolicy).not.toHaveBeenCalled();
    expect(within(dialog).getByTestId('enable-preview-button')).toBeDisabled();

    // 0 days is said out loud, and its count shown before anything is saved.
    await userEvent.type(within(dialog).getByRole('textbox', { name: /Number of days/ }), '0');
    expect(within(dialog).getByText(/0 days means every record/)).toBeInTheDocument();
    await userEvent.click(within(dialog).getByTestId('enable-preview-button'));
    expect(await within(dialog).findByText('The next run anonymises 215 records (Cases).')).toBeInTheDocument();
    expect(within(dialog).getByTestId('enable-confirm')).toHaveTextContent('Switch on – 215 records change');

    // Changing the days asks for a new preview: the count confirmed is the count of the days saved.
    const days = within(dialog).getByRole('textbox', { name: /Number of days/ });
    await userEvent.clear(days);
    await userEvent.type(days, '365');
    expect(within(dialog).queryByTestId('enable-confirm')).toBeNull();
    await userEvent.click(within(dialog).getByTestId('enable-preview-button'));
    expect(previewPolicy).toHaveBeenLastCalledWith('case', 365);
    await userEvent.click(await within(dialog).findByTestId('enable-confirm'));
    expect(setPolicy).toHaveBeenCalledTimes(1);
    expect(setPolicy).toHaveBeenCalledWith({ type: 'case', enabled: true, days: 365 });
  });

  it('cancelling the dialog leaves the policy off', async () => {
    renderWithApp(<RetentionSettings />);
    const row = await screen.findByTestId('policy-case');
    await userEvent.click(within(row).getByRole('switch', { name: 'Anonymisation of Cases' }));
    await userEvent.click(within(await screen.findByTestId('enable-case')).getByRole('button', { name: 'Cancel' }));
    expect(setPolicy).not.toHaveBeenCalled();
    expect(within(row).getByRole('switch', { name: 'Anonymisation of Cases' })).not.toBeChecked();
  });

  it('saves the days on Enter and the on-delete choice', async () => {
    setPolicy.mockImplementation(async (c) => policy({ type: c.type, enabled: c.enabled ?? false }));
    renderWithApp(<RetentionSettings />);
    const row = await screen.findByTestId('policy-case');

    const days = within(row).getByRole('textbox', { name: 'Number of days for Cases' });
    await userEvent.clear(days);
    await userEvent.type(days, '90{Enter}');
    expect(setPolicy).toHaveBeenCalledWith({ type: 'case', days: 90 });

    await userEvent.click(within(screen.getByTestId('policy-customer')).getByText('Delete'));
    expect(setPolicy).toHaveBeenCalledWith({ type: 'customer', onDelete: 'delete' });
  });

  it('previews the next run without changing anything', async () => {
    preview.mockResolvedValue({
      ...data().lastRun!,
      dryRun: true,
      startedAt: '',
      total: 3,
      types: [
        { type: 'case', labelSv: 'Ärendehantering', labelEn: 'Cases', due: 3, anonymised: 3, deleted: 0, samples: [{ id: 'K1', label: 'Cases 1' }, { id: 'K2', label: 'Cases 2' }] },
        { type: 'event', labelSv: 'Händelser', labelEn: 'Events', due: 0, anonymised: 0, deleted: 0, samples: [] },
      ],
    });
    renderWithApp(<RetentionSettings />);
    await userEvent.click(await screen.findByRole('button', { name: 'Preview' }));

    const table = await screen.findByTestId('preview-table');
    expect(within(table).getByText('Cases')).toBeInTheDocument();
    expect(within(table).getByText('K1')).toBeInTheDocument();
    expect(within(table).getByText('K2')).toBeInTheDocument();
    expect(within(table).queryByText('Events')).toBeNull();
    expect(screen.getByText('3 records in all')).toBeInTheDocument();
    expect(runNow).not.toHaveBeenCalled();
    expect(setPolicy).not.toHaveBeenCalled();
  });

  it('runs now, shows progress from the backend events, and says when another run is busy', async () => {
    let finish: (v: Awaited<ReturnType<typeof retentionApi.runRetentionNow>>) => void = () => undefined;
    runNow.mockImplementationOnce(() => new Promise((resolve) => (finish = resolve)));
    renderWithApp(<RetentionSettings />);
    await userEvent.click(await screen.findByRole('button', { name: 'Run now' }));

    expect(await screen.findByRole('button', { name: 'Cancel' })).toBeInTheDocument();
    handlers.get('retention:progress')?.({ type: 'case', labelSv: 'Ärendehantering', labelEn: 'Cases', done: 500, due: 1000 });
    expect(await screen.findByText('Cases: 500 of 1,000')).toBeInTheDocument();
    expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '50');

    finish({ ...data().lastRun!, trigger: 'manual', total: 1000 });
    handlers.get('retention:done')?.({});
    expect(await screen.findByText('1,000 records anonymised or deleted')).toBeInTheDocument();

    runNow.mockRejectedValueOnce(new BackendError(ErrorCode.Busy, 'busy'));
    await userEvent.click(await screen.findByRole('button', { name: 'Run now' }));
    expect(await screen.findByText('A run is already in progress. Wait until it has finished.')).toBeInTheDocument();
  });
});
