// Secure data (Go: app_vault.go).
import * as App from '../../../../wailsjs/go/main/App';
import type { main, vault } from '../../../../wailsjs/go/models';
import { call, type Challenge, type Data } from '@/lib/backend';

export type VaultForm = Data<vault.Form>;
export type VaultField = Data<vault.Field>;
export type VaultMember = Data<vault.Member>;
export type VaultEntry = Data<vault.Entry>;
export type VaultEntryInput = Data<vault.EntryInput>;
export type VaultEntryPage = Data<main.VaultEntryPage>;
export type VaultInfo = Data<main.VaultInfo>;
export type VaultUnlock = Data<main.VaultUnlock>;
export type VaultPerson = Data<main.VaultPerson>;

export const vaultApi = {
  vaultInfo: (): Promise<VaultInfo> => call(() => App.VaultInfo()),
  vaultForms: (): Promise<VaultForm[]> => call(() => App.VaultForms()),
  vaultForm: (formId: string): Promise<VaultForm> => call(() => App.VaultForm(formId)),
  /** Creates (no id) or updates a form (admins). */
  vaultSaveForm: (form: VaultForm): Promise<VaultForm> => call(() => App.VaultSaveForm(form as vault.Form)),
  vaultDeleteForm: (formId: string): Promise<void> => call(() => App.VaultDeleteForm(formId)),
  vaultEntries: (formId: string, customerNumber: string, offset: number, limit: number): Promise<VaultEntryPage> =>
    call(() => App.VaultEntries(formId, customerNumber, offset, limit)),
  /** Creates (entryId '') or updates an entry; encrypted values need the unlock. */
  vaultSaveEntry: (formId: string, entryId: string, input: VaultEntryInput, unlock: VaultUnlock): Promise<VaultEntry> =>
    call(() => App.VaultSaveEntry(formId, entryId, input as vault.EntryInput, unlock as main.VaultUnlock)),
  vaultDeleteEntry: (entryId: string): Promise<void> => call(() => App.VaultDeleteEntry(entryId)),
  /** One entry (its form and plain values), for links from the event log. */
  vaultEntry: (entryId: string): Promise<VaultEntry> => call(() => App.VaultEntry(entryId)),
  /** An entry's decrypted values (field id -> value): keep them in memory only. */
  vaultDecrypt: (entryId: string, unlock: VaultUnlock): Promise<Record<string, string>> =>
    call(() => App.VaultDecrypt(entryId, unlock as main.VaultUnlock)),
  vaultGrant: (formId: string, members: VaultMember[], unlock: VaultUnlock): Promise<VaultForm> =>
    call(() => App.VaultGrant(formId, members as vault.Member[], unlock as main.VaultUnlock)),
  /** Resolves to the users who lost access (offer to rotate the key). */
  vaultRevoke: (formId: string, member: VaultMember): Promise<string[]> => call(() => App.VaultRevoke(formId, member as vault.Member)),
  vaultRotateKey: (formId: string, unlock: VaultUnlock): Promise<void> => call(() => App.VaultRotateKey(formId, unlock as main.VaultUnlock)),
  vaultStartChallenge: (): Promise<Challenge> => call(() => App.VaultStartChallenge()),
  vaultPeople: (): Promise<VaultPerson[]> => call(() => App.VaultPeople()),
};
