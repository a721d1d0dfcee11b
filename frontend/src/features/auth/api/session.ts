import { useQuery } from '@tanstack/react-query';
import { backend } from '@/lib/backend';

export const appStateKey = ['app-state'] as const;

/** Whether the app is set up and who is logged in. */
export function useAppState() {
  return useQuery({ queryKey: appStateKey, queryFn: () => backend.state() });
}
