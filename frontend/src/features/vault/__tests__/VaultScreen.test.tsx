import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BackendError, ErrorCode } from '@/lib/backend';
import { vaultApi, type VaultEntry, type VaultForm, type VaultInfo } from '../api/vaultApi';
import { renderWithApp } from '@/testing/render';
import { VaultScreen } from '../components/VaultScreen';

vi.mock('../api/vaultApi', async (importOriginal) => {
  const real = await importOriginal<typeof import('../api/vaultApi')>();
  const fns = [
    'vaultInfo', 'vaultForms', 'vaultPeople', 'vaultEntries', 'vaultDecrypt', 'vaultSaveForm', 'vaultSaveEntry',
    'vaultStartChallenge', 'vaultRevoke', 'vaultGrant', 'vaultRotateKey', 'vaultDeleteEntry', 'vaultDeleteForm', 'vaultEntry',
  ];
  return { ...real, vaultApi: Object.fromEntries(fns.map((f) => [f, vi.fn()])), clipboard: { setText: vi.fn(), getText: vi.fn() } };
});

const b = vi.mocked(vaultApi);

const info: VaultInfo = { revealSeconds: 1, clipboardSeconds: 30, secondFactorOn: true, totpEnrolled: false, isAdmin: true };
const alarm: VaultForm = {
  id: 'F1', name: 'Larmkoder', purpose: 'internal', autoDeleteDays: 0, twoFactor: false, canDecrypt: true,
  fields: [
    { id: 'f1', name: 'Plats', kind: 'text', encrypted: false },
    { id: 'f2', name: 'Kod', kind: 'secret', encrypted: true },
  ],
  readers: [], decrypters: [{ kind: 'user', id: 'U1' }], needsGrant: [], createdAt: '', updatedAt: '',
};
const portal: VaultForm = {
  ...alarm, id: 'F2', name: 'Kundportaler', purpose: 'customer', twoFactor: true,
  decrypters: [{ kind: 'user', id: 'U1' }, { kind: 'user', id: 'U2' }], needsGrant: ['U2'],
};
const entry: VaultEntry = { id: 'E1', formId: 'F1', plain: { f1: 'Kontoret' }, encrypted: ['f2'], createdAt: '2026-03-01T09:00:00Z', updatedAt: '' };

beforeEach(() => {
  vi.clearAllMocks();
  b.vaultInfo.mockResolvedValue(info);
  b.vaultForms.mockResolvedValue([alarm, portal]);
  b.vaultPeople.mockResolvedValue([
    { kind: 'user', id: 'U1', name: 'Anna Admin' },
    { kind: 'user', id: 'U2', name: 'Bo Berg' },
    { kind: 'group', id: 'G1', name: 'Ekonomi' },
  ]);
  b.vaultEntries.mockImplementation(async (formId) =>
    formId === 'F1'
      ? { entries: [entry], total: 1 }
      : { entries: [{ ...entry, id: 'E2', formId: 'F2', customerNumber: '1001' }], total: 1 },
  );
});

describe('VaultScreen', { timeout: 20000 }, () => {
  it("opens the form of an entry linked from the event log and marks the entry", async () => {
    Element.prototype.scrollIntoView = vi.fn();
    b.vaultEntry.mockResolvedValue({ ...entry, id: 'E2', formId: 'F2', customerNumber: '1001' });
    renderWithApp(<VaultScreen route={['entry', 'E2']} />, { language: 'sv' });
    expect(await screen.findByRole('heading', { name: 'Kundportaler', level: 3 })).toBeInTheDocument();
    expect(await screen.findByTestId('vault-entry-marked')).toContainElement(screen.getByTestId('entry-E2'));
    expect(b.vaultEntry).toHaveBeenCalledWith('E2');
  });

  it('says so when a linked entry is gone or not the reader\'s, instead of an empty page', async () => {
    b.vaultEntry.mockRejectedValue(new BackendError(ErrorCode.Forbidden, 'no'));
    renderWithApp(<VaultScreen route={['entry', 'E9']} />, { language: 'sv' });
    expect(await screen.findByTestId('vault-link-missing')).toHaveTextContent('E9');
    expect(await screen.findByRole('heading', { name: 'Larmkoder', level: 3 })).toBeInTheDocument();
  });

  it('groups forms into internal and for customers, and hides encrypted values', async () => {
    renderWithApp(<VaultScreen />, { language: 'sv' });
    expect(await screen.findByText('Interna')).toBeInTheDocument();
    expect(screen.getByText('För kunder')).toBeInTheDocument();
    expect(await screen.findByText('Kontoret')).toBeInTheDocument();
    expect(screen.getByText('Dold')).toBeInTheDocument();
    expect(b.vaultEntries).toHaveBeenCalledWith('F1', '', 0, 50);
  });

  it('decrypts with the password, shows the value, and hides it again after the reveal time', async () => {
    b.vaultDecrypt.mockResolvedValue({ f2: '4711#' });
    renderWithApp(<VaultScreen />);
    await userEvent.click(await screen.findByRole('button', { name: 'Show' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(within(dialog).getByLabelText(/Your password/), 'anna pw{Enter}');
    expect(await screen.findByText('4711#')).toBeInTheDocument();
    expect(b.vaultDecrypt).toHaveBeenCalledWith('E1', { password: 'anna pw', challengeId: '', code: '', totp: false });
    expect(screen.getByTestId('reveal-countdown')).toHaveTextContent('Hidden in 1 s');
    await waitFor(() => expect(screen.queryByText('4711#')).not.toBeInTheDocument(), { timeout: 3000 });
    expect(screen.getByText('Hidden')).toBeInTheDocument();
  });

  it('shows a wrong password as a translated error and keeps the value hidden', async () => {
    b.vaultDecrypt.mockRejectedValue(new BackendError(ErrorCode.DecryptFailed, 'cannot decrypt'));
    renderWithApp(<VaultScreen />);
    await userEvent.click(await screen.findByRole('button', { name: 'Show' }));
    await userEvent.type(within(await screen.findByRole('dialog')).getByLabelText(/Your password/), 'wrong{Enter}');
    expect((await screen.findAllByRole('alert')).length).toBeGreaterThan(0);
    expect(screen.queryByText('4711#')).not.toBeInTheDocument();
  });

  it('asks for an SMS code on a two-factor form and sends the challenge with the code', async () => {
    b.vaultDecrypt.mockResolvedValue({ f2: 'hemligt' });
    b.vaultStartChallenge.mockResolvedValue({ id: 'CH1', flow: 'secure_data_decrypt', to: '+4670•••••67', expires_at: '' });
    renderWithApp(<VaultScreen />);
    await userEvent.click(await screen.findByText('Kundportaler'));
    expect(await screen.findByText('Customer 1001')).toBeInTheDocument();
    await userEvent.click(await screen.findByRole('button', { name: 'Show' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('This form requires a second factor.')).toBeInTheDocument();
    await userEvent.type(within(dialog).getByLabelText(/Your password/), 'pw');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Send code by SMS' }));
    expect(await within(dialog).findByText('A code was sent to +4670•••••67.')).toBeInTheDocument();
    await userEvent.type(within(dialog).getByLabelText('Code'), '123456{Enter}');
    expect(await screen.findByText('hemligt')).toBeInTheDocument();
    expect(b.vaultDecrypt).toHaveBeenCalledWith('E2', { password: 'pw', challengeId: 'CH1', code: '123456', totp: false });
  });

  it('lists a user who needs a re-grant and grants again with the password and a code', async () => {
    b.vaultGrant.mockResolvedValue({ ...portal, needsGrant: [] });
    b.vaultStartChallenge.mockResolvedValue({ id: 'CH2', flow: 'secure_data_decrypt', to: '+4670•••••67', expires_at: '' });
    renderWithApp(<VaultScreen />);
    await userEvent.click(await screen.findByText('Kundportaler'));
    await userEvent.click(await screen.findByRole('tab', { name: /Access/ }));
    expect(await screen.findByText(/Bo Berg got a new password/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Grant again' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(within(dialog).getByLabelText(/Your password/), 'pw');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Send code by SMS' }));
    await userEvent.type(await within(dialog).findByLabelText('Code'), '654321{Enter}');
    await waitFor(() =>
      expect(b.vaultGrant).toHaveBeenCalledWith('F2', [{ kind: 'user', id: 'U2' }], { password: 'pw', challengeId: 'CH2', code: '654321', totp: false }),
    );
  });

  it('offers to rotate the key after a revoke', async () => {
    b.vaultRevoke.mockResolvedValue(['U2']);
    b.vaultRotateKey.mockResolvedValue(undefined);
    renderWithApp(<VaultScreen />);
    await userEvent.click(await screen.findByRole('tab', { name: /Access/ }));
    await userEvent.click(await screen.findByRole('button', { name: 'Remove' }));
    expect(b.vaultRevoke).toHaveBeenCalledWith('F1', { kind: 'user', id: 'U1' });
    expect(await screen.findByText(/Bo Berg may still hold a copy of the key/)).toBeInTheDocument();
    const rotate = screen.getAllByRole('button', { name: 'Rotate key' });
    await userEvent.click(rotate[0]!);
    await userEvent.type(within(await screen.findByRole('dialog')).getByLabelText(/Your password/), 'pw{Enter}');
    await waitFor(() => expect(b.vaultRotateKey).toHaveBeenCalledWith('F1', { password: 'pw', challengeId: '', code: '', totp: false }));
  });

  it('creates a form with an encrypted field and its decrypt list', async () => {
    b.vaultSaveForm.mockImplementation(async (f) => ({ ...f, id: 'F9' }));
    renderWithApp(<VaultScreen />);
    await userEvent.click(await screen.findByRole('button', { name: 'New form' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(within(dialog).getByLabelText(/^Name/), 'Wifi');
    await userEvent.type(within(dialog).getAllByLabelText(/Field name/)[0]!, 'Lösenord');
    await userEvent.click(within(dialog).getByLabelText('Encrypted'));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(b.vaultSaveForm).toHaveBeenCalled());
    const saved = b.vaultSaveForm.mock.calls[0]![0];
    expect(saved).toMatchObject({ id: '', name: 'Wifi', purpose: 'internal', autoDeleteDays: 0, twoFactor: false });
    expect(saved.fields).toEqual([{ id: '', name: 'Lösenord', kind: 'text', encrypted: true }]);
  });

  it('saves a new entry, asking for the password only because of the encrypted value', async () => {
    b.vaultSaveEntry.mockResolvedValue(entry);
    renderWithApp(<VaultScreen />);
    await userEvent.click(await screen.findByRole('button', { name: 'New entry' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(within(dialog).getByLabelText('Plats'), 'Lagret');
    await userEvent.type(within(dialog).getByLabelText(/^Kod/), '0000');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    const dialogs = await screen.findAllByRole('dialog');
    await userEvent.type(within(dialogs[dialogs.length - 1]!).getByLabelText(/Your password/), 'pw{Enter}');
    await waitFor(() =>
      expect(b.vaultSaveEntry).toHaveBeenCalledWith(
        'F1',
        '',
        { customerNumber: '', values: { f1: 'Lagret', f2: '0000' } },
        { password: 'pw', challengeId: '', code: '', totp: false },
      ),
    );
  });
});
