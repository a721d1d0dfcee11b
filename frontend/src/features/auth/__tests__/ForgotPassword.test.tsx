import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BackendError, ErrorCode } from '@/lib/backend';
import { forgotPasswordApi } from '../api/authApi';
import { renderWithApp } from '@/testing/render';
import { ForgotPassword } from '../components/ForgotPassword';

vi.mock('../api/authApi', async (importOriginal) => {
  const real = await importOriginal<typeof import('../api/authApi')>();
  return { ...real, forgotPasswordApi: { start: vi.fn(), finish: vi.fn() } };
});

const b = vi.mocked(forgotPasswordApi);

beforeEach(() => vi.clearAllMocks());

describe('ForgotPassword', { timeout: 20000 }, () => {
  it('sends a code, says access must be re-granted, and sets the new password', async () => {
    b.start.mockResolvedValue({ id: 'CH1', flow: 'user_password_reset', to: '+4670•••••67', expires_at: '' });
    b.finish.mockRejectedValueOnce(new BackendError(ErrorCode.WrongCode, 'wrong')).mockResolvedValueOnce(undefined);
    const done = vi.fn();
    renderWithApp(<ForgotPassword onDone={done} />);
    await userEvent.type(screen.getByLabelText(/Username/), 'anna{Enter}');
    expect(await screen.findByText(/\+4670•••••67/)).toBeInTheDocument();
    expect(screen.getByText(/granted again/)).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText(/^Code/), '123456');
    await userEvent.type(screen.getByLabelText(/New password/), 'ett nytt långt lösenord{Enter}');
    await waitFor(() => expect(screen.getAllByRole('alert')).toHaveLength(2)); // the wrong code, beside the re-grant notice
    expect(done).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: 'Change password' }));
    await waitFor(() => expect(done).toHaveBeenCalledWith('The password was changed. Log in with the new one.'));
    expect(b.finish).toHaveBeenLastCalledWith('anna', 'CH1', '123456', 'ett nytt långt lösenord');
  });
});
