import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BackendError, ErrorCode } from '@/lib/backend';
import { smsApi } from '../api/smsApi';
import { renderWithApp } from '@/testing/render';
import { SmsSettingsScreen } from '../components/SmsSettingsScreen';

vi.mock('../api/smsApi', async (importOriginal) => {
  const real = await importOriginal<typeof import('../api/smsApi')>();
  const fns = ['smsSettings', 'saveSmsSettings', 'removeSmsSettings', 'sendTestSms'];
  return { ...real, smsApi: Object.fromEntries(fns.map((f) => [f, vi.fn()])) };
});

const b = vi.mocked(smsApi);
const none = { provider: '', senderName: '', configured: false, providers: ['46elks', 'twilio'], keyringUnavailable: false };

beforeEach(() => vi.clearAllMocks());

describe('SmsSettingsScreen', { timeout: 20000 }, () => {
  it('saves Twilio credentials and the sender name', async () => {
    b.smsSettings.mockResolvedValue(none);
    b.saveSmsSettings.mockResolvedValue(undefined);
    renderWithApp(<SmsSettingsScreen />);
    expect(await screen.findByText('Not configured')).toBeInTheDocument();
    await userEvent.click(screen.getByText('Twilio'));
    await userEvent.type(screen.getByLabelText(/Account SID/), 'AC123');
    await userEvent.type(screen.getByLabelText(/Auth token/), 'tok');
    await userEvent.clear(screen.getByLabelText(/Sender name/));
    await userEvent.type(screen.getByLabelText(/Sender name/), 'Firma{Enter}');
    await waitFor(() =>
      expect(b.saveSmsSettings).toHaveBeenCalledWith({ provider: 'twilio', senderName: 'Firma', username: 'AC123', password: 'tok' }),
    );
  });

  it('says clearly when the keyring cannot be reached', async () => {
    b.smsSettings.mockResolvedValue({ ...none, keyringUnavailable: true });
    b.saveSmsSettings.mockRejectedValue(new BackendError(ErrorCode.KeyringUnavailable, 'keyring set: no Secret Service'));
    renderWithApp(<SmsSettingsScreen />, { language: 'sv' });
    expect(await screen.findByText('Nyckelringen går inte att nå')).toBeInTheDocument();
  });

  it('sends a test SMS and shows a provider error as a message', async () => {
    b.smsSettings.mockResolvedValue({ ...none, provider: '46elks', senderName: 'Dataskydd', configured: true });
    b.sendTestSms.mockRejectedValueOnce(new BackendError(ErrorCode.SmsAuth, 'sms (46elks): rejected (HTTP 401)')).mockResolvedValueOnce(undefined);
    renderWithApp(<SmsSettingsScreen />);
    expect(await screen.findByText('Configured')).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText(/Phone number/), '070-123 45 67');
    await userEvent.click(screen.getByRole('button', { name: 'Send test SMS' }));
    expect(await screen.findByText('The SMS provider did not accept the credentials.')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Send test SMS' }));
    await waitFor(() => expect(b.sendTestSms).toHaveBeenCalledTimes(2));
    expect(b.sendTestSms).toHaveBeenLastCalledWith('070-123 45 67');
  });
});
