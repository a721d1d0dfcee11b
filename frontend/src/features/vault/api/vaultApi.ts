// Secure data (Go: app_vault.go).
import * as LogsService from '../../../../wailsjs/go/desktop/LogsService';
import * as VaultService from '../../../../wailsjs/go/desktop/VaultService';
import type { desktop, vault } from '../../../../wailsjs/go/models';
import { call, type Challenge, type Data } from '@/lib/backend';

export type VaultForm = Data<vault.Form>;
export type VaultField = Data<vault.Field>;
export type VaultMember = Data<vault.Member>;
export type VaultEntry = Data<vault.Entry>;
export type VaultEntryInput = Data<vault.EntryInput>;
export type VaultEntryPage = Data<desktop.VaultEntryPage>;
export type VaultInfo = Data<desktop.VaultInfo>;
export type VaultUnlock = Data<desktop.VaultUnlock>;
export type VaultPerson = Data<desktop.VaultPerson>;

export const vaultApi = {
  vaultInfo: (): Promise<VaultInfo> => call(() => VaultService.VaultInfo()),
  vaultForms: (): Promise<VaultForm[]> => call(() => VaultService.VaultForms()),
  vaultForm: (formId: string): Promise<VaultForm> => call(() => VaultService.VaultForm(formId)),
  /** Creates (no id) or updates a form (admins). */
  vaultSaveForm: (form: VaultForm): Promise<VaultForm> => call(() => VaultService.VaultSaveForm(form as vault.Form)),
  vaultDeleteForm: (formId: string): Promise<void> => call(() => VaultService.VaultDeleteForm(formId)),
  vaultEntries: (formId: string, customerNumber: string, offset: number, limit: number): Promise<VaultEntryPage> =>
    call(() => VaultService.VaultEntries(formId, customerNumber, offset, limit)),
  /** Creates (entryId '') or updates an entry; encrypted values need the unlock. */
  vaultSaveEntry: (formId: string, entryId: string, input: VaultEntryInput, unlock: VaultUnlock): Promise<VaultEntry> =>
    call(() => VaultService.VaultSaveEntry(formId, entryId, input as vault.EntryInput, unlock as desktop.VaultUnlock)),
  vaultDeleteEntry: (entryId: string): Promise<void> => call(() => VaultService.VaultDeleteEntry(entryId)),
  /** One entry (its form and plain values), for links from the event log. */
  vaultEntry: (entryId: string): Promise<VaultEntry> => call(() => LogsService.VaultEntry(entryId)),
  /** An entry's decrypted values (field id -> value): keep them in memory only. */
  vaultDecrypt: (entryId: string, unlock: VaultUnlock): Promise<Record<string, string>> =>
    call(() => VaultService.VaultDecrypt(entryId, unlock as desktop.VaultUnlock)),
  vaultGrant: (formId: string, members: VaultMember[], unlock: VaultUnlock): Promise<VaultForm> =>
    call(() => VaultService.VaultGrant(formId, members as vault.Member[], unlock as desktop.VaultUnlock)),
  /** Resolves to the users who lost access (offer to rotate the key). */
  vaultRevoke: (formId: string, member: VaultMember): Promise<string[]> => call(() => VaultService.VaultRevoke(formId, member as vault.Member)),
  vaultRotateKey: (formId: string, unlock: VaultUnlock): Promise<void> => call(() => VaultService.VaultRotateKey(formId, unlock as desktop.VaultUnlock)),
  vaultStartChallenge: (): Promise<Challenge> => call(() => VaultService.VaultStartChallenge()),
  vaultPeople: (): Promise<VaultPerson[]> => call(() => VaultService.VaultPeople()),
};
