// Two-factor authentication (Go: app_twofactor.go): the login from a new device, the
// settings (admins), the user's own devices and app, and the step-up a phone-number change needs.
import * as App from '../../../../wailsjs/go/main/App';
import type { main, twofactor } from '../../../../wailsjs/go/models';
import { call, type Challenge, type Data, type SessionInfo } from '@/lib/backend';

export type TrustedDevice = Data<twofactor.Device>;
export type FlowSetting = Data<twofactor.FlowSetting>;
export type TwoFactorSettings = Data<main.TwoFactorSettings>;
export type MyTwoFactor = Data<main.MyTwoFactor>;
export type TOTPEnrolment = Data<main.TOTPEnrolment>;
export type LoginSecondFactorInfo = Data<main.LoginSecondFactorInfo>;
export type PhoneStepUpInfo = Data<main.PhoneStepUpInfo>;

export const twoFactorApi = {
  // The login from a new device (after the login failed with second_factor_required).
  loginSecondFactor: (): Promise<LoginSecondFactorInfo> => call(() => App.LoginSecondFactor()),
  startLoginChallenge: (): Promise<Challenge> => call(() => App.StartLoginChallenge()),
  verifyLoginCode: (challengeId: string, code: string): Promise<SessionInfo> => call(() => App.VerifyLoginCode(challengeId, code)),
  verifyLoginTotp: (code: string): Promise<SessionInfo> => call(() => App.VerifyLoginTOTP(code)),
  cancelLoginChallenge: (): Promise<void> => call(() => App.CancelLoginChallenge()),
  // Settings > Two-factor authentication (admins) and the user's own devices and app.
  twoFactorSettings: (): Promise<TwoFactorSettings> => call(() => App.GetTwoFactorSettings()),
  setTwoFactorFlow: (flow: string, on: boolean): Promise<void> => call(() => App.SetTwoFactorFlow(flow, on)),
  setTrustedDevicePeriod: (days: number): Promise<void> => call(() => App.SetTrustedDevicePeriod(days)),
  myTwoFactor: (): Promise<MyTwoFactor> => call(() => App.GetMyTwoFactor()),
  removeTrustedDevice: (id: string): Promise<void> => call(() => App.RemoveTrustedDevice(id)),
  startTotpEnrolment: (): Promise<TOTPEnrolment> => call(() => App.StartTOTPEnrolment()),
  confirmTotpEnrolment: (code: string): Promise<void> => call(() => App.ConfirmTOTPEnrolment(code)),
  removeTotp: (): Promise<void> => call(() => App.RemoveTOTP()),
  // Changing phone numbers while two-factor is in use (the records' Save asks for it).
  phoneStepUp: (): Promise<PhoneStepUpInfo> => call(() => App.PhoneStepUp()),
  startPhoneChallenge: (): Promise<Challenge> => call(() => App.StartPhoneChallenge()),
  /** challengeId '' means code is from the authenticator app. */
  passPhoneChallenge: (challengeId: string, code: string): Promise<void> => call(() => App.PassPhoneChallenge(challengeId, code)),
};
