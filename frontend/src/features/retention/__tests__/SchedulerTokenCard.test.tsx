import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BackendError, ErrorCode } from '@/lib/backend';
import { schedulerApi, type SchedulerTokenInfo } from '../api/retentionApi';
import { renderWithApp } from '@/testing/render';
import { SchedulerTokenCard } from '../components/SchedulerTokenCard';

vi.mock('../api/retentionApi', async (importOriginal) => {
  const real = await importOriginal<typeof import('../api/retentionApi')>();
  return {
    ...real,
    schedulerApi: { schedulerToken: vi.fn(), createSchedulerToken: vi.fn(), revokeSchedulerToken: vi.fn() },
  };
});

const get = vi.mocked(schedulerApi.schedulerToken);
const create = vi.mocked(schedulerApi.createSchedulerToken);
const revoke = vi.mocked(schedulerApi.revokeSchedulerToken);

const command = '/opt/dataskydd/dataskydd --data-dir /home/anna/.local/share/Dataskydd --scheduler anonymise';
const none: SchedulerTokenInfo = { exists: false, createdAt: '', createdBy: '', command };
const made: SchedulerTokenInfo = { exists: true, createdAt: '2026-12-06T10:00:00Z', createdBy: 'anna', command };

describe('SchedulerTokenCard', () => {
  beforeEach(() => vi.resetAllMocks());

  it('creates a token, shows the command for the job, and revokes it', async () => {
    get.mockResolvedValueOnce(none).mockResolvedValue(none);
    create.mockResolvedValue(made);
    revoke.mockResolvedValue(undefined);
    renderWithApp(<SchedulerTokenCard />);
    expect(await screen.findByText('No token has been created.')).toBeInTheDocument();
    expect(screen.getByText(command)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Revoke' })).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Create token' }));
    expect(create).toHaveBeenCalledTimes(1);
    expect(await screen.findByTestId('scheduler-token-state')).toHaveTextContent(/Created .* by anna\./);

    await userEvent.click(screen.getByRole('button', { name: 'Revoke' }));
    expect(revoke).toHaveBeenCalledTimes(1);
    expect(await screen.findByText('No token has been created.')).toBeInTheDocument();
  });

  it('shows nothing to a GDPR officer, who may not manage the token', async () => {
    get.mockRejectedValue(new BackendError(ErrorCode.Forbidden, 'not allowed'));
    renderWithApp(<SchedulerTokenCard />);
    await waitFor(() => expect(get).toHaveBeenCalled());
    await new Promise((settle) => setTimeout(settle, 50)); // the rejected query has settled
    expect(screen.queryByTestId('scheduler-token')).not.toBeInTheDocument();
    expect(screen.queryByText('Something went wrong')).not.toBeInTheDocument();
  });

  it('says so when the keyring cannot store the token', async () => {
    get.mockResolvedValue(none);
    create.mockRejectedValue(new BackendError(ErrorCode.KeyringUnavailable, 'no D-Bus'));
    renderWithApp(<SchedulerTokenCard />);
    await userEvent.click(await screen.findByRole('button', { name: 'Create token' }));
    expect(await screen.findByText("The operating system's keyring cannot be reached. Check that it is unlocked.")).toBeInTheDocument();
    expect(screen.getByText('No token has been created.')).toBeInTheDocument();
  });
});
