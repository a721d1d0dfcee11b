import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { EventName, onEvent } from '@/lib/backend';
import { statusApi } from './statusApi';

export const statusQueryKey = ['status'] as const;

/** The store's status; refetched whenever the backend says records were written. */
export function useStatus() {
  const queryClient = useQueryClient();
  useEffect(
    () =>
      onEvent(EventName.StoreChanged, () => {
        void queryClient.invalidateQueries({ queryKey: statusQueryKey });
      }),
    [queryClient],
  );
  return useQuery({ queryKey: statusQueryKey, queryFn: statusApi.status });
}
