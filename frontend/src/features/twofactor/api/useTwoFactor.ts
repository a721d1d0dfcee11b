import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { securityBackend as backend } from '@/lib/backend';

export const twoFactorKeys = {
  all: ['twofactor'] as const,
  settings: ['twofactor', 'settings'] as const,
  mine: ['twofactor', 'mine'] as const,
};

/** Settings > Two-factor authentication (admins). */
export function useTwoFactorSettings() {
  return useQuery({ queryKey: twoFactorKeys.settings, queryFn: backend.twoFactorSettings });
}

/** The logged-in user's trusted devices and authenticator app. */
export function useMyTwoFactor() {
  return useQuery({ queryKey: twoFactorKeys.mine, queryFn: backend.myTwoFactor });
}

function useInvalidate() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: twoFactorKeys.all });
}

export function useSetFlow() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (v: { flow: string; on: boolean }) => backend.setTwoFactorFlow(v.flow, v.on), onSettled: invalidate });
}

export function useSetDevicePeriod() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (days: number) => backend.setTrustedDevicePeriod(days), onSuccess: invalidate });
}

export function useRemoveDevice() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (id: string) => backend.removeTrustedDevice(id), onSuccess: invalidate });
}

export function useTotp() {
  const invalidate = useInvalidate();
  const start = useMutation({ mutationFn: () => backend.startTotpEnrolment() });
  const confirm = useMutation({ mutationFn: (code: string) => backend.confirmTotpEnrolment(code), onSuccess: invalidate });
  const remove = useMutation({ mutationFn: () => backend.removeTotp(), onSuccess: invalidate });
  return { start, confirm, remove };
}
