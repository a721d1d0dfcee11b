// Session and own account (Go: app_auth.go), and "Glömt lösenordet?" on the login screen.
import * as App from '../../../../wailsjs/go/main/App';
import type { main } from '../../../../wailsjs/go/models';
import { call, type Challenge, type Data, type SessionInfo } from '@/lib/backend';

export type AppState = Data<main.AppState>;
export type FirstRunInput = Data<main.FirstRunInput>;

export const authApi = {
  state: (): Promise<AppState> => call(() => App.State()),
  firstRun: (input: FirstRunInput): Promise<SessionInfo> => call(() => App.FirstRun(input as main.FirstRunInput)),
  login: (username: string, password: string): Promise<SessionInfo> => call(() => App.Login(username, password)),
  logout: (): Promise<void> => call(() => App.Logout()),
  lock: (): Promise<void> => call(() => App.Lock()),
  me: (): Promise<SessionInfo> => call(() => App.Me()),
  changeOwnPassword: (oldPassword: string, newPassword: string): Promise<void> => call(() => App.ChangeOwnPassword(oldPassword, newPassword)),
  setIdleLockMinutes: (minutes: number): Promise<void> => call(() => App.SetIdleLockMinutes(minutes)),
};

/** A forgotten password (no session): an SMS code to the user's phone, then a new password. */
export const forgotPasswordApi = {
  start: (username: string): Promise<Challenge> => call(() => App.ForgotPasswordStart(username)),
  finish: (username: string, challengeId: string, code: string, newPassword: string): Promise<void> =>
    call(() => App.ForgotPasswordFinish(username, challengeId, code, newPassword)),
};
