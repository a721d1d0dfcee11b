import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BackendError, ErrorCode } from '@/lib/backend';
import { inventoryApi } from '../api/searchApi';
import { renderWithApp } from '@/testing/render';
import { InventoryGate } from '../components/InventoryGate';

vi.mock('../api/searchApi', async (importOriginal) => {
  const real = await importOriginal<typeof import('../api/searchApi')>();
  return { ...real, inventoryApi: { stepUp: vi.fn(), startChallenge: vi.fn(), passChallenge: vi.fn() } };
});

const stepUp = vi.mocked(inventoryApi.stepUp);
const start = vi.mocked(inventoryApi.startChallenge);
const pass = vi.mocked(inventoryApi.passChallenge);

describe('InventoryGate', () => {
  beforeEach(() => vi.resetAllMocks());

  it('shows the screen at once while the switch is off', async () => {
    stepUp.mockResolvedValue({ asks: false, openUntil: '' });
    renderWithApp(<InventoryGate>the search</InventoryGate>);
    expect(await screen.findByText('the search')).toBeInTheDocument();
    expect(start).not.toHaveBeenCalled();
  });

  it('asks for an SMS code while the switch is on; a wrong code keeps it shut, the right one opens it', async () => {
    const until = new Date(Date.now() + 600_000).toISOString();
    stepUp.mockResolvedValue({ asks: true, openUntil: '' });
    start.mockResolvedValue({ id: 'I1', flow: 'gdpr_inventory', to: '+4670•••••67', expires_at: '' });
    pass.mockRejectedValueOnce(new BackendError(ErrorCode.WrongCode, 'wrong'));
    renderWithApp(<InventoryGate>the search</InventoryGate>);
    await userEvent.click(await screen.findByRole('button', { name: 'Send code by SMS' }));
    expect(await screen.findByText('A code was sent to +4670•••••67.')).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('Code'), '000000');
    await userEvent.click(screen.getByRole('button', { name: 'Verify' }));
    expect(pass).toHaveBeenCalledWith('I1', '000000');
    expect(await screen.findByRole('alert')).toBeInTheDocument();
    expect(screen.queryByText('the search')).not.toBeInTheDocument();

    stepUp.mockResolvedValue({ asks: true, openUntil: until });
    pass.mockResolvedValueOnce(undefined);
    await userEvent.type(screen.getByLabelText('Code'), '123456');
    await userEvent.click(screen.getByRole('button', { name: 'Verify' }));
    expect(await screen.findByText('the search')).toBeInTheDocument();
  });
});
