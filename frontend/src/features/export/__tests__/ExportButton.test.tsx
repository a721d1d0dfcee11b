import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BackendError, ErrorCode } from '@/lib/backend';
import { exportApi } from '../api/exportApi';
import { renderWithApp } from '@/testing/render';
import { ExportButton } from '../components/ExportButton';

vi.mock('../api/exportApi', async (importOriginal) => {
  const real = await importOriginal<typeof import('../api/exportApi')>();
  return { ...real, exportApi: { chooseExportFile: vi.fn(), exportFile: vi.fn(), cancel: vi.fn() } };
});

const choose = vi.mocked(exportApi.chooseExportFile);
const exportFile = vi.mocked(exportApi.exportFile);

beforeEach(() => {
  choose.mockReset();
  exportFile.mockReset();
});

describe('ExportButton', () => {
  it('exports every record to the chosen file and says where', async () => {
    choose.mockResolvedValue('/home/anna/dataskydd-2026-11-28.jsonl');
    exportFile.mockResolvedValue({ path: '/home/anna/dataskydd-2026-11-28.jsonl', total: 1234, types: [] });
    renderWithApp(<ExportButton />, { language: 'sv' });

    await userEvent.click(screen.getByRole('button', { name: 'Exportera…' }));
    const message = await screen.findByText(/sparades i dataskydd-2026-11-28\.jsonl/);
    expect(message.textContent?.replace(/\s/g, ' ')).toBe('1 234 poster sparades i dataskydd-2026-11-28.jsonl.');
    expect(exportFile).toHaveBeenCalledWith('/home/anna/dataskydd-2026-11-28.jsonl', '');
  });

  it('does nothing when the save dialog is cancelled', async () => {
    choose.mockResolvedValue('');
    renderWithApp(<ExportButton />, { language: 'en' });

    await userEvent.click(screen.getByRole('button', { name: 'Export…' }));
    await vi.waitFor(() => expect(choose).toHaveBeenCalled());
    expect(exportFile).not.toHaveBeenCalled();
  });

  it('translates a busy backend', async () => {
    choose.mockResolvedValue('/tmp/x.jsonl');
    exportFile.mockRejectedValue(new BackendError(ErrorCode.Busy, 'another import or export is running'));
    renderWithApp(<ExportButton />, { language: 'en' });

    await userEvent.click(screen.getByRole('button', { name: 'Export…' }));
    expect(await screen.findByText('An import or export is already running. Wait until it has finished.')).toBeInTheDocument();
  });
});
