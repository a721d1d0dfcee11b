import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as App from '../../../../wailsjs/go/desktop/SMSService';
import { BackendError, ErrorCode } from '@/lib/backend';
import { smsApi, type SMSSettings, type SMSSettingsInput } from '../api/smsApi';

vi.mock('../../../../wailsjs/go/desktop/SMSService', () => ({
  GetSMSSettings: vi.fn(),
  SaveSMSSettings: vi.fn(),
  RemoveSMSSettings: vi.fn(),
  SendTestSMS: vi.fn(),
}));

const app = vi.mocked(App);
const appError = (code: string, message = '') => new Error(JSON.stringify({ code, message }));

beforeEach(() => vi.clearAllMocks());

describe('smsApi', () => {
  it('reads the settings as the bridge hands them over', async () => {
    const settings: SMSSettings = { provider: '46elks', senderName: 'Dataskydd', configured: true, providers: ['46elks'], keyringUnavailable: false };
    app.GetSMSSettings.mockResolvedValue(settings);
    await expect(smsApi.smsSettings()).resolves.toEqual(settings);
  });

  it('saves the input as given and nothing else; removing does not save', async () => {
    const input: SMSSettingsInput = { provider: '46elks', senderName: 'Dataskydd', username: 'u', password: 'p' };
    await smsApi.saveSmsSettings(input);
    expect(app.SaveSMSSettings).toHaveBeenCalledWith(input);
    await smsApi.removeSmsSettings();
    expect(app.RemoveSMSSettings).toHaveBeenCalledTimes(1);
    expect(app.SaveSMSSettings).toHaveBeenCalledTimes(1);
    expect(app.SendTestSMS).not.toHaveBeenCalled();
  });

  it('sends the test SMS to the number given', async () => {
    await smsApi.sendTestSms('+46701234567');
    expect(app.SendTestSMS).toHaveBeenCalledWith('+46701234567');
  });

  it('rejects with the provider error code the backend sent', async () => {
    app.SendTestSMS.mockRejectedValue(appError('sms_invalid_number', 'the number is not valid'));
    const err = await smsApi.sendTestSms('123').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BackendError);
    expect((err as BackendError).code).toBe(ErrorCode.SmsInvalidNumber);
    app.GetSMSSettings.mockRejectedValue(appError('forbidden'));
    await expect(smsApi.smsSettings()).rejects.toMatchObject({ code: ErrorCode.Forbidden });
  });
});
