// Settings > SMS (admins; Go: app_sms.go).
import * as SMSService from '../../../../wailsjs/go/desktop/SMSService';
import type { desktop } from '../../../../wailsjs/go/models';
import { call, type Data } from '@/lib/backend';

export type SMSSettings = Data<desktop.SMSSettings>;
export type SMSSettingsInput = Data<desktop.SMSSettingsInput>;

export const smsApi = {
  smsSettings: (): Promise<SMSSettings> => call(() => SMSService.GetSMSSettings()),
  saveSmsSettings: (input: SMSSettingsInput): Promise<void> => call(() => SMSService.SaveSMSSettings(input as desktop.SMSSettingsInput)),
  removeSmsSettings: (): Promise<void> => call(() => SMSService.RemoveSMSSettings()),
  sendTestSms: (to: string): Promise<void> => call(() => SMSService.SendTestSMS(to)),
};
