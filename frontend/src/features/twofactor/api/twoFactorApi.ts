// Two-factor authentication (Go: app_twofactor.go): the login from a new device, the
// settings (admins), the user's own devices and app, and the step-up a phone-number change needs.
import * as TwoFactorService from '../../../../wailsjs/go/desktop/TwoFactorService';
import type { desktop, twofactor } from '../../../../wailsjs/go/models';
import { call, type Challenge, type Data, type SessionInfo } from '@/lib/backend';

export type TrustedDevice = Data<twofactor.Device>;
export type FlowSetting = Data<twofactor.FlowSetting>;
export type TwoFactorSettings = Data<desktop.TwoFactorSettings>;
export type MyTwoFactor = Data<desktop.MyTwoFactor>;
export type TOTPEnrolment = Data<desktop.TOTPEnrolment>;
export type LoginSecondFactorInfo = Data<desktop.LoginSecondFactorInfo>;
export type PhoneStepUpInfo = Data<desktop.PhoneStepUpInfo>;

export const twoFactorApi = {
  // The login from a new device (after the login failed with second_factor_required).
  loginSecondFactor: (): Promise<LoginSecondFactorInfo> => call(() => TwoFactorService.LoginSecondFactor()),
  startLoginChallenge: (): Promise<Challenge> => call(() => TwoFactorService.StartLoginChallenge()),
  verifyLoginCode: (challengeId: string, code: string): Promise<SessionInfo> => call(() => TwoFactorService.VerifyLoginCode(challengeId, code)),
  verifyLoginTotp: (code: string): Promise<SessionInfo> => call(() => TwoFactorService.VerifyLoginTOTP(code)),
  cancelLoginChallenge: (): Promise<void> => call(() => TwoFactorService.CancelLoginChallenge()),
  // Settings > Two-factor authentication (admins) and the user's own devices and app.
  twoFactorSettings: (): Promise<TwoFactorSettings> => call(() => TwoFactorService.GetTwoFactorSettings()),
  setTwoFactorFlow: (flow: string, on: boolean): Promise<void> => call(() => TwoFactorService.SetTwoFactorFlow(flow, on)),
  setTrustedDevicePeriod: (days: number): Promise<void> => call(() => TwoFactorService.SetTrustedDevicePeriod(days)),
  myTwoFactor: (): Promise<MyTwoFactor> => call(() => TwoFactorService.GetMyTwoFactor()),
  removeTrustedDevice: (id: string): Promise<void> => call(() => TwoFactorService.RemoveTrustedDevice(id)),
  startTotpEnrolment: (): Promise<TOTPEnrolment> => call(() => TwoFactorService.StartTOTPEnrolment()),
  confirmTotpEnrolment: (code: string): Promise<void> => call(() => TwoFactorService.ConfirmTOTPEnrolment(code)),
  removeTotp: (): Promise<void> => call(() => TwoFactorService.RemoveTOTP()),
  // Changing phone numbers while two-factor is in use (the records' Save asks for it).
  phoneStepUp: (): Promise<PhoneStepUpInfo> => call(() => TwoFactorService.PhoneStepUp()),
  startPhoneChallenge: (): Promise<Challenge> => call(() => TwoFactorService.StartPhoneChallenge()),
  /** challengeId '' means code is from the authenticator app. */
  passPhoneChallenge: (challengeId: string, code: string): Promise<void> => call(() => TwoFactorService.PassPhoneChallenge(challengeId, code)),
};
