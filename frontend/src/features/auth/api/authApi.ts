// Session and own account (Go: app_auth.go), and "Glömt lösenordet?" on the login screen.
import * as ForgottenService from '../../../../wailsjs/go/desktop/ForgottenService';
import * as SessionService from '../../../../wailsjs/go/desktop/SessionService';
import type { desktop } from '../../../../wailsjs/go/models';
import { call, type Challenge, type Data, type SessionInfo } from '@/lib/backend';

export type AppState = Data<desktop.AppState>;
export type FirstRunInput = Data<desktop.FirstRunInput>;

export const authApi = {
  state: (): Promise<AppState> => call(() => SessionService.State()),
  firstRun: (input: FirstRunInput): Promise<SessionInfo> => call(() => SessionService.FirstRun(input as desktop.FirstRunInput)),
  login: (username: string, password: string): Promise<SessionInfo> => call(() => SessionService.Login(username, password)),
  logout: (): Promise<void> => call(() => SessionService.Logout()),
  lock: (): Promise<void> => call(() => SessionService.Lock()),
  me: (): Promise<SessionInfo> => call(() => SessionService.Me()),
  changeOwnPassword: (oldPassword: string, newPassword: string): Promise<void> => call(() => SessionService.ChangeOwnPassword(oldPassword, newPassword)),
  setIdleLockMinutes: (minutes: number): Promise<void> => call(() => SessionService.SetIdleLockMinutes(minutes)),
};

/** A forgotten password (no session): an SMS code to the user's phone, then a new password. */
export const forgotPasswordApi = {
  start: (username: string): Promise<Challenge> => call(() => ForgottenService.ForgotPasswordStart(username)),
  finish: (username: string, challengeId: string, code: string, newPassword: string): Promise<void> =>
    call(() => ForgottenService.ForgotPasswordFinish(username, challengeId, code, newPassword)),
};
