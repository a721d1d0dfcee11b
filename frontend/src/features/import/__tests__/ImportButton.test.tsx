import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BackendError, ErrorCode, EventName } from '@/lib/backend';
import { importApi } from '../api/importApi';
import { renderWithApp } from '@/testing/render';
import { ImportButton } from '../components/ImportButton';

vi.mock('../api/importApi', async (importOriginal) => {
  const real = await importOriginal<typeof import('../api/importApi')>();
  return {
    ...real,
    importApi: { chooseImportFiles: vi.fn(), importFiles: vi.fn(), cancel: vi.fn() },
  };
});

const choose = vi.mocked(importApi.chooseImportFiles);
const importFiles = vi.mocked(importApi.importFiles);

beforeEach(() => {
  choose.mockReset();
  importFiles.mockReset();
});

describe('ImportButton', () => {
  it('imports the files chosen in the dialog and reports the count', async () => {
    choose.mockResolvedValue(['/tmp/a.jsonl', '/tmp/b.jsonl']);
    importFiles.mockResolvedValue({ total: 3, types: [], problems: [] });
    renderWithApp(<ImportButton />, { language: 'en' });

    await userEvent.click(screen.getByRole('button', { name: 'Import…' }));
    expect(await screen.findByText('3 records imported.')).toBeInTheDocument();
    expect(importFiles).toHaveBeenCalledWith(['/tmp/a.jsonl', '/tmp/b.jsonl']);
  });

  it('does nothing when the dialog is cancelled', async () => {
    choose.mockResolvedValue([]);
    renderWithApp(<ImportButton />, { language: 'en' });

    await userEvent.click(screen.getByRole('button', { name: 'Import…' }));
    await vi.waitFor(() => expect(choose).toHaveBeenCalled());
    expect(importFiles).not.toHaveBeenCalled();
  });

  it('lists every problem by file, line and field', async () => {
    choose.mockResolvedValue(['/data/kunder.jsonl']);
    importFiles.mockResolvedValue({
      total: 0,
      types: [],
      problems: [
        { file: '/data/kunder.jsonl', line: 7, field: 'created_at', message: 'not an RFC 3339 time' },
        { file: '/data/kunder.jsonl', line: 9, field: '', message: 'malformed JSON' },
      ],
    });
    renderWithApp(<ImportButton />, { language: 'sv' });

    await userEvent.click(screen.getByRole('button', { name: 'Importera…' }));
    const table = await screen.findByTestId('import-problems');
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(rows[1]).toHaveTextContent('kunder.jsonl');
    expect(rows[1]).toHaveTextContent('7');
    expect(rows[1]).toHaveTextContent('created_at');
    expect(rows[1]).toHaveTextContent('not an RFC 3339 time');
    expect(rows[2]).toHaveTextContent('(hela raden)');
    expect(screen.getByText('Importen stoppades – ingenting sparades')).toBeInTheDocument();
  });

  it('shows the progress events the backend sends while it imports', async () => {
    const listeners = new Map<string, (data: unknown) => void>();
    window.runtime = {
      EventsOnMultiple: (name, callback) => {
        listeners.set(name, callback);
        return () => listeners.delete(name);
      },
    };
    let finish: (r: { total: number; types: never[]; problems: never[] }) => void = () => undefined;
    choose.mockResolvedValue(['/tmp/big.jsonl']);
    importFiles.mockReturnValue(new Promise((resolve) => (finish = resolve)));
    renderWithApp(<ImportButton />, { language: 'en' });

    await userEvent.click(screen.getByRole('button', { name: 'Import…' }));
    await vi.waitFor(() => expect(importFiles).toHaveBeenCalled());
    act(() => listeners.get(EventName.ImportProgress)?.({ done: 400, total: 1000, finished: false }));
    expect(await screen.findByText('40% read')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(importApi.cancel).toHaveBeenCalledTimes(1);

    act(() => finish({ total: 10, types: [], problems: [] }));
    expect(await screen.findByText('10 records imported.')).toBeInTheDocument();
    expect(screen.queryByText('40% read')).not.toBeInTheDocument();
    delete window.runtime;
  });

  it('says a cancelled import saved nothing, without an error', async () => {
    choose.mockResolvedValue(['/tmp/a.jsonl']);
    importFiles.mockRejectedValue(new BackendError(ErrorCode.Cancelled, 'importing: context canceled'));
    renderWithApp(<ImportButton />, { language: 'en' });

    await userEvent.click(screen.getByRole('button', { name: 'Import…' }));
    expect(await screen.findByText('Import cancelled – nothing was saved.')).toBeInTheDocument();
    expect(screen.queryByText('Something went wrong')).not.toBeInTheDocument();
  });

  it('translates an error code from the backend', async () => {
    choose.mockResolvedValue(['/tmp/a.jsonl']);
    importFiles.mockRejectedValue(new BackendError(ErrorCode.NoStore, 'no store in the data folder'));
    renderWithApp(<ImportButton />, { language: 'sv' });

    await userEvent.click(screen.getByRole('button', { name: 'Importera…' }));
    expect(await screen.findByText('Det finns ingen databas i datamappen ännu.')).toBeInTheDocument();
  });
});
