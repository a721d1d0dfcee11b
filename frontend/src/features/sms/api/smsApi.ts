// Settings > SMS (admins; Go: app_sms.go).
import * as App from '../../../../wailsjs/go/main/App';
import type { main } from '../../../../wailsjs/go/models';
import { call, type Data } from '@/lib/backend';

export type SMSSettings = Data<main.SMSSettings>;
export type SMSSettingsInput = Data<main.SMSSettingsInput>;

export const smsApi = {
  smsSettings: (): Promise<SMSSettings> => call(() => App.GetSMSSettings()),
  saveSmsSettings: (input: SMSSettingsInput): Promise<void> => call(() => App.SaveSMSSettings(input as main.SMSSettingsInput)),
  removeSmsSettings: (): Promise<void> => call(() => App.RemoveSMSSettings()),
  sendTestSms: (to: string): Promise<void> => call(() => App.SendTestSMS(to)),
};
