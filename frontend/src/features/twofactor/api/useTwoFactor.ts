import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { twoFactorApi } from './twoFactorApi';

export const twoFactorKeys = {
  all: ['twofactor'] as const,
  settings: ['twofactor', 'settings'] as const,
  mine: ['twofactor', 'mine'] as const,
};

/** Settings > Two-factor authentication (admins). */
export function useTwoFactorSettings() {
  return useQuery({ queryKey: twoFactorKeys.settings, queryFn: twoFactorApi.twoFactorSettings });
}

/** The logged-in user's trusted devices and authenticator app. */
export function useMyTwoFactor() {
  return useQuery({ queryKey: twoFactorKeys.mine, queryFn: twoFactorApi.myTwoFactor });
}

function useInvalidate() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: twoFactorKeys.all });
}

export function useSetFlow() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (v: { flow: string; on: boolean }) => twoFactorApi.setTwoFactorFlow(v.flow, v.on), onSettled: invalidate });
}

export function useSetDevicePeriod() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (days: number) => twoFactorApi.setTrustedDevicePeriod(days), onSuccess: invalidate });
}

export function useRemoveDevice() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (id: string) => twoFactorApi.removeTrustedDevice(id), onSuccess: invalidate });
}

export function useTotp() {
  const invalidate = useInvalidate();
  const start = useMutation({ mutationFn: () => twoFactorApi.startTotpEnrolment() });
  const confirm = useMutation({ mutationFn: (code: string) => twoFactorApi.confirmTotpEnrolment(code), onSuccess: invalidate });
  const remove = useMutation({ mutationFn: () => twoFactorApi.removeTotp(), onSuccess: invalidate });
  return { start, confirm, remove };
}
