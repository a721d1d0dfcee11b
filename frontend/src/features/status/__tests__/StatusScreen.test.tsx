import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BackendError, ErrorCode } from '@/lib/backend';
import { statusApi } from '../api/statusApi';
import { statusWith } from '@/testing/fixtures';
import { renderWithApp } from '@/testing/render';
import { StatusScreen } from '../components/StatusScreen';

vi.mock('../api/statusApi', async (importOriginal) => {
  const real = await importOriginal<typeof import('../api/statusApi')>();
  return {
    ...real,
    statusApi: { status: vi.fn() },
  };
});

const status = vi.mocked(statusApi.status);

beforeEach(() => {
  status.mockReset();
});

describe('StatusScreen', () => {
  it('shows the data folder, the total and the count of every type with its English label', async () => {
    status.mockResolvedValue(statusWith({ customer: 1234, work_order: 2 }));
    renderWithApp(<StatusScreen />, { language: 'en' });

    expect(await screen.findByTestId('data-dir')).toHaveTextContent('/home/anna/.local/share/Dataskydd');
    expect(screen.getByTestId('total')).toHaveTextContent('1,236');
    const customers = screen.getByTestId('count-customer');
    expect(within(customers).getByText('Customers')).toBeInTheDocument();
    expect(customers).toHaveTextContent('1,234');
    expect(screen.getByTestId('count-work_order')).toHaveTextContent('2');
    expect(screen.getByTestId('count-user')).toHaveTextContent('0');
    expect(screen.getByRole('heading', { name: 'Workcloud' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'System logs' })).toBeInTheDocument();
    expect(screen.getByTestId('store-state')).toHaveTextContent('Open');
  });

  it('uses the Swedish labels and number format in Swedish', async () => {
    status.mockResolvedValue(statusWith({ customer: 1234 }));
    renderWithApp(<StatusScreen />, { language: 'sv' });

    const customers = await screen.findByTestId('count-customer');
    expect(within(customers).getByText('Kundregister')).toBeInTheDocument();
    // sv-SE groups thousands with a no-break space.
    expect(customers.textContent?.replace(/\s/g, ' ')).toContain('1 234');
    expect(screen.getByRole('heading', { name: 'Tid' })).toBeInTheDocument();
    expect(screen.getByText('Poster totalt')).toBeInTheDocument();
  });

  it('says how to create a store when the data folder has none', async () => {
    status.mockResolvedValue(statusWith({}, false));
    renderWithApp(<StatusScreen />, { language: 'en' });

    expect(await screen.findByTestId('store-state')).toHaveTextContent('No database yet');
    expect(screen.getByText(/dataskydd init --admin NAME/)).toBeInTheDocument();
  });

  it('shows a translated message for a backend error code, not its English text', async () => {
    status.mockRejectedValue(new BackendError(ErrorCode.Internal, 'opening the store: disk I/O error'));
    renderWithApp(<StatusScreen />, { language: 'sv' });

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Ett oväntat fel inträffade');
    expect(alert).toHaveTextContent('disk I/O error');
  });

  it('reads the status again on Refresh', async () => {
    status.mockResolvedValueOnce(statusWith({ customer: 1 })).mockResolvedValueOnce(statusWith({ customer: 5 }));
    renderWithApp(<StatusScreen />, { language: 'en' });
    expect(await screen.findByTestId('total')).toHaveTextContent('1');

    await userEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    await vi.waitFor(() => expect(screen.getByTestId('total')).toHaveTextContent('5'));
    expect(status).toHaveBeenCalledTimes(2);
  });
});
