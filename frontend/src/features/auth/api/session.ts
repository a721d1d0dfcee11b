import { useQuery } from '@tanstack/react-query';
import { authApi } from './authApi';

export const appStateKey = ['app-state'] as const;

/** Whether the app is set up and who is logged in. */
export function useAppState() {
  return useQuery({ queryKey: appStateKey, queryFn: () => authApi.state() });
}
