// Settings > Users (admins; Go: app_users.go).
import * as App from '../../../../wailsjs/go/main/App';
import type { main } from '../../../../wailsjs/go/models';
import { call, type Data } from '@/lib/backend';

export type UserRow = Data<main.UserRow>;
export type NewUserInput = Data<main.NewUserInput>;

export const usersApi = {
  listUsers: (): Promise<UserRow[]> => call(() => App.ListUsers()),
  /** Resolves to the new user's id. */
  createUser: (input: NewUserInput): Promise<string> => call(() => App.CreateUser(input as main.NewUserInput)),
  setUserRoles: (userId: string, roles: string[]): Promise<void> => call(() => App.SetUserRoles(userId, roles)),
  setUserActive: (userId: string, active: boolean): Promise<void> => call(() => App.SetUserActive(userId, active)),
  resetUserPassword: (userId: string, password: string): Promise<void> => call(() => App.ResetUserPassword(userId, password)),
  deleteUser: (userId: string): Promise<string> => call(() => App.DeleteUser(userId)),
};
