// Settings > Users (admins; Go: app_users.go).
import * as UsersService from '../../../../wailsjs/go/desktop/UsersService';
import type { desktop } from '../../../../wailsjs/go/models';
import { call, type Data } from '@/lib/backend';

export type UserRow = Data<desktop.UserRow>;
export type NewUserInput = Data<desktop.NewUserInput>;

export const usersApi = {
  listUsers: (): Promise<UserRow[]> => call(() => UsersService.ListUsers()),
  /** Resolves to the new user's id. */
  createUser: (input: NewUserInput): Promise<string> => call(() => UsersService.CreateUser(input as desktop.NewUserInput)),
  setUserRoles: (userId: string, roles: string[]): Promise<void> => call(() => UsersService.SetUserRoles(userId, roles)),
  setUserActive: (userId: string, active: boolean): Promise<void> => call(() => UsersService.SetUserActive(userId, active)),
  resetUserPassword: (userId: string, password: string): Promise<void> => call(() => UsersService.ResetUserPassword(userId, password)),
  deleteUser: (userId: string): Promise<string> => call(() => UsersService.DeleteUser(userId)),
};
