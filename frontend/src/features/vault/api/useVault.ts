import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { vaultApi, type VaultEntryInput, type VaultForm, type VaultMember, type VaultUnlock } from './vaultApi';

export const vaultKeys = {
  all: ['vault'] as const,
  info: ['vault', 'info'] as const,
  forms: ['vault', 'forms'] as const,
  people: ['vault', 'people'] as const,
  entries: (formId: string) => ['vault', 'entries', formId] as const,
};

/** Reveal times and whether a second factor is asked. */
export function useVaultInfo() {
  return useQuery({ queryKey: vaultKeys.info, queryFn: vaultApi.vaultInfo });
}

/** The forms the user may see. */
export function useVaultForms() {
  return useQuery({ queryKey: vaultKeys.forms, queryFn: vaultApi.vaultForms });
}

/** Users and groups for the access lists. */
export function useVaultPeople() {
  return useQuery({ queryKey: vaultKeys.people, queryFn: vaultApi.vaultPeople });
}

/** The first `limit` entries of a form. */
export function useVaultEntries(formId: string | null, limit: number) {
  return useQuery({
    queryKey: [...vaultKeys.entries(formId ?? ''), limit],
    queryFn: () => vaultApi.vaultEntries(formId ?? '', '', 0, limit),
    enabled: !!formId,
  });
}

function useInvalidate() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: vaultKeys.all });
}

export function useSaveForm() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (form: VaultForm) => vaultApi.vaultSaveForm(form), onSuccess: invalidate });
}

export function useDeleteForm() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (formId: string) => vaultApi.vaultDeleteForm(formId), onSuccess: invalidate });
}

export function useSaveEntry() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (v: { formId: string; entryId: string; input: VaultEntryInput; unlock: VaultUnlock }) =>
      vaultApi.vaultSaveEntry(v.formId, v.entryId, v.input, v.unlock),
    onSuccess: invalidate,
  });
}

export function useDeleteEntry() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (entryId: string) => vaultApi.vaultDeleteEntry(entryId), onSuccess: invalidate });
}

export function useGrant() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (v: { formId: string; members: VaultMember[]; unlock: VaultUnlock }) =>
      vaultApi.vaultGrant(v.formId, v.members, v.unlock),
    onSuccess: invalidate,
  });
}

export function useRevoke() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (v: { formId: string; member: VaultMember }) => vaultApi.vaultRevoke(v.formId, v.member),
    onSuccess: invalidate,
  });
}

export function useRotateKey() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (v: { formId: string; unlock: VaultUnlock }) => vaultApi.vaultRotateKey(v.formId, v.unlock),
    onSuccess: invalidate,
  });
}
