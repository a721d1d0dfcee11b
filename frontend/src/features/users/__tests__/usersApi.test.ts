import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as App from '../../../../wailsjs/go/desktop/UsersService';
import { BackendError, ErrorCode } from '@/lib/backend';
import { usersApi, type NewUserInput, type UserRow } from '../api/usersApi';

vi.mock('../../../../wailsjs/go/desktop/UsersService', () => ({
  ListUsers: vi.fn(),
  CreateUser: vi.fn(),
  SetUserRoles: vi.fn(),
  SetUserActive: vi.fn(),
  ResetUserPassword: vi.fn(),
  DeleteUser: vi.fn(),
}));

const app = vi.mocked(App);
const appError = (code: string, message = '') => new Error(JSON.stringify({ code, message }));

beforeEach(() => vi.clearAllMocks());

describe('usersApi', () => {
  it('lists the users as the bridge hands them over', async () => {
    const row: UserRow = { id: 'u1', username: 'anna', name: 'Anna', email: '', status: 'active', roles: ['admin'], active: true, hasPassword: true };
    app.ListUsers.mockResolvedValue([row]);
    await expect(usersApi.listUsers()).resolves.toEqual([row]);
  });

  it('passes each call its arguments, in order, to its own bound method only', async () => {
    const input: NewUserInput = { username: 'bo', name: 'Bo', email: 'bo@example.se', password: 'lösenord-lösenord', roles: ['staff'] };
    app.CreateUser.mockResolvedValue('u2');
    await expect(usersApi.createUser(input)).resolves.toBe('u2');
    expect(app.CreateUser).toHaveBeenCalledWith(input);
    await usersApi.setUserRoles('u2', ['staff', 'gdpr_officer']);
    expect(app.SetUserRoles).toHaveBeenCalledWith('u2', ['staff', 'gdpr_officer']);
    await usersApi.setUserActive('u2', false);
    expect(app.SetUserActive).toHaveBeenCalledWith('u2', false);
    await usersApi.resetUserPassword('u2', 'nytt-lösenord-123');
    expect(app.ResetUserPassword).toHaveBeenCalledWith('u2', 'nytt-lösenord-123');
    app.DeleteUser.mockResolvedValue('bo');
    await expect(usersApi.deleteUser('u2')).resolves.toBe('bo');
    expect(app.DeleteUser).toHaveBeenCalledWith('u2');

    expect(app.ListUsers).not.toHaveBeenCalled();
    for (const fn of [app.CreateUser, app.SetUserRoles, app.SetUserActive, app.ResetUserPassword, app.DeleteUser]) {
      expect(fn).toHaveBeenCalledTimes(1);
    }
  });

  it('rejects with the code and message the backend sent', async () => {
    app.DeleteUser.mockRejectedValue(appError('last_administrator', 'the last active administrator'));
    const err = await usersApi.deleteUser('u1').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BackendError);
    expect((err as BackendError).code).toBe(ErrorCode.LastAdministrator);
    expect((err as BackendError).message).toBe('the last active administrator');
  });

  it('does not trust a code the frontend does not know', async () => {
    app.SetUserRoles.mockRejectedValue(appError('made_up'));
    await expect(usersApi.setUserRoles('u1', [])).rejects.toMatchObject({ code: ErrorCode.Internal });
  });
});
