import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BackendError, ErrorCode } from '@/lib/backend';
import { twoFactorApi, type TwoFactorSettings } from '../api/twoFactorApi';
import { renderWithApp } from '@/testing/render';
import { LoginSecondFactor } from '../components/LoginSecondFactor';
import { MyTwoFactorScreen } from '../components/MyTwoFactorScreen';
import { PhoneStepUpModal } from '../components/PhoneStepUpModal';
import { TwoFactorSettingsScreen } from '../components/TwoFactorSettingsScreen';

vi.mock('../api/twoFactorApi', async (importOriginal) => {
  const real = await importOriginal<typeof import('../api/twoFactorApi')>();
  const fns = [
    'twoFactorSettings', 'setTwoFactorFlow', 'setTrustedDevicePeriod', 'myTwoFactor', 'removeTrustedDevice',
    'startTotpEnrolment', 'confirmTotpEnrolment', 'removeTotp', 'loginSecondFactor', 'startLoginChallenge',
    'verifyLoginCode', 'verifyLoginTotp', 'cancelLoginChallenge',
  ];
  return { ...real, twoFactorApi: Object.fromEntries(fns.map((f) => [f, vi.fn()])) };
});

const b = vi.mocked(twoFactorApi);

const settings = (smsConfigured: boolean): TwoFactorSettings => ({
  smsConfigured,
  devicePeriodDays: 365,
  minDays: 1,
  maxDays: 730,
  flows: [
    { flow: 'user_login', label_sv: 'Användare – inloggning från ny enhet', label_en: 'Users – login from a new device', sms_only: false, per_device: true, enabled: false },
    { flow: 'quotes', label_sv: 'Offerter (endast SMS)', label_en: 'Quotes (SMS only)', sms_only: true, per_device: false, enabled: false },
  ],
});

beforeEach(() => vi.clearAllMocks());

describe('TwoFactorSettingsScreen', { timeout: 20000 }, () => {
  it('shows the switches but keeps them off until SMS is configured', async () => {
    b.twoFactorSettings.mockResolvedValue(settings(false));
    renderWithApp(<TwoFactorSettingsScreen />, { language: 'sv' });
    expect(await screen.findByText('SMS-utskick är inte konfigurerat')).toBeInTheDocument();
    const sw = screen.getByRole('switch', { name: 'Användare – inloggning från ny enhet' });
    expect(sw).toBeDisabled();
  });

  it('switches a flow on once SMS works, and saves the device period', async () => {
    b.twoFactorSettings.mockResolvedValue(settings(true));
    b.setTwoFactorFlow.mockResolvedValue(undefined);
    b.setTrustedDevicePeriod.mockResolvedValue(undefined);
    renderWithApp(<TwoFactorSettingsScreen />);
    const sw = await screen.findByRole('switch', { name: 'Users – login from a new device' });
    expect(sw).toBeEnabled();
    expect(screen.queryByText('SMS sending is not configured')).not.toBeInTheDocument();
    await userEvent.click(sw);
    await waitFor(() => expect(b.setTwoFactorFlow).toHaveBeenCalledWith('user_login', true));
    const period = screen.getByLabelText('Trusted devices stay trusted for (days)');
    await userEvent.clear(period);
    await userEvent.type(period, '90');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(b.setTrustedDevicePeriod).toHaveBeenCalledWith(90));
  });
});

describe('MyTwoFactorScreen', { timeout: 20000 }, () => {
  it('lists trusted devices, removes one, and enrols an authenticator app with its QR code', async () => {
    b.myTwoFactor.mockResolvedValue({
      totpEnrolled: false,
      devices: [{ id: 'D1', first_used: '2026-03-01T09:00:00Z', last_used: '2026-03-02T09:00:00Z', expires: '2027-03-01T09:00:00Z', this_device: true }],
    });
    b.removeTrustedDevice.mockResolvedValue(undefined);
    b.startTotpEnrolment.mockResolvedValue({ secret: 'JBSWY3DPEHPK3PXP', url: 'otpauth://totp/x', qrDataUrl: 'data:image/png;base64,AAAA' });
    b.confirmTotpEnrolment.mockResolvedValue(undefined);
    renderWithApp(<MyTwoFactorScreen />);
    expect(await screen.findByText('This computer')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Remove' }));
    await waitFor(() => expect(b.removeTrustedDevice).toHaveBeenCalledWith('D1'));
    await userEvent.click(screen.getByRole('button', { name: 'Connect an authenticator app' }));
    expect(await screen.findByRole('img', { name: 'QR code for the authenticator app' })).toHaveAttribute('src', 'data:image/png;base64,AAAA');
    expect(screen.getByTestId('totp-secret')).toHaveTextContent('JBSWY3DPEHPK3PXP');
    await userEvent.type(screen.getByLabelText('Code from the app'), '123456{Enter}');
    await waitFor(() => expect(b.confirmTotpEnrolment).toHaveBeenCalledWith('123456'));
  });
});

describe('LoginSecondFactor', { timeout: 20000 }, () => {
  it('sends an SMS code and starts the session when it is right', async () => {
    b.loginSecondFactor.mockResolvedValue({ username: 'anna', totp: false });
    b.startLoginChallenge.mockResolvedValue({ id: 'C1', flow: 'user_login', to: '+4670•••••67', expires_at: '' });
    b.verifyLoginCode
      .mockRejectedValueOnce(new BackendError(ErrorCode.WrongCode, 'the code is wrong: 4 tries left'))
      .mockResolvedValueOnce({ userId: 'U1', username: 'anna', roles: ['admin'], idleLockMinutes: 15 });
    const onPassed = vi.fn();
    renderWithApp(<LoginSecondFactor onPassed={onPassed} onCancel={vi.fn()} />);
    await userEvent.click(await screen.findByRole('button', { name: 'Send code by SMS' }));
    expect(await screen.findByText('A code was sent to +4670•••••67. It is valid for 10 minutes.')).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText(/^Code/), '000000{Enter}');
    expect(await screen.findByText('Wrong code.')).toBeInTheDocument();
    expect(onPassed).not.toHaveBeenCalled();
    await userEvent.type(screen.getByLabelText(/^Code/), '123456{Enter}');
    await waitFor(() => expect(onPassed).toHaveBeenCalledWith(expect.objectContaining({ username: 'anna' })));
    expect(b.verifyLoginCode).toHaveBeenLastCalledWith('C1', '123456');
  });

  it('offers the authenticator app when one is enrolled, and goes back on cancel', async () => {
    b.loginSecondFactor.mockResolvedValue({ username: 'anna', totp: true });
    b.verifyLoginTotp.mockResolvedValue({ userId: 'U1', username: 'anna', roles: [], idleLockMinutes: 15 });
    b.cancelLoginChallenge.mockResolvedValue(undefined);
    const onPassed = vi.fn();
    const onCancel = vi.fn();
    renderWithApp(<LoginSecondFactor onPassed={onPassed} onCancel={onCancel} />);
    await userEvent.click(await screen.findByRole('button', { name: 'Use the authenticator app instead' }));
    await userEvent.type(screen.getByLabelText(/Code from the authenticator app/), '222333{Enter}');
    await waitFor(() => expect(b.verifyLoginTotp).toHaveBeenCalledWith('222333'));
    expect(b.startLoginChallenge).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: 'Back to the login' }));
    await waitFor(() => expect(onCancel).toHaveBeenCalled());
  });
});

describe('PhoneStepUpModal', { timeout: 20000 }, () => {
  it('passes an SMS challenge, then lets the form save again', async () => {
    const b2 = b as unknown as Record<string, ReturnType<typeof vi.fn>>;
    b2.phoneStepUp = vi.fn().mockResolvedValue({ asks: true, passed: false, totp: false });
    b2.startPhoneChallenge = vi.fn().mockResolvedValue({ id: 'P1', flow: 'user_login', to: '+4670•••••67', expires_at: '' });
    b2.passPhoneChallenge = vi.fn().mockResolvedValue(undefined);
    const onPassed = vi.fn();
    const outer = vi.fn((e: Event) => e.preventDefault());
    renderWithApp(
      <form onSubmit={(e) => outer(e.nativeEvent)}>
        <PhoneStepUpModal opened onPassed={onPassed} onClose={vi.fn()} />
      </form>,
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Send code by SMS' }));
    await userEvent.type(await screen.findByLabelText('Code'), '123456{Enter}');
    await waitFor(() => expect(onPassed).toHaveBeenCalled());
    expect(b2.passPhoneChallenge).toHaveBeenCalledWith('P1', '123456');
    expect(outer).not.toHaveBeenCalled();
  });
});
