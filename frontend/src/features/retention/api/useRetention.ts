import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { EventName, onEvent } from '@/lib/backend';
import { retentionApi, type PolicyChange, type RetentionProgress } from './retentionApi';

export const overviewKey = ['retention', 'overview'] as const;

/** The policies, the scheduler's state and the latest runs; refreshed when a run ends. */
export function useRetentionOverview() {
  const client = useQueryClient();
  useEffect(
    () => onEvent(EventName.RetentionDone, () => void client.invalidateQueries({ queryKey: overviewKey })),
    [client],
  );
  return useQuery({ queryKey: overviewKey, queryFn: () => retentionApi.retentionOverview() });
}

/** Saves one policy change. */
export function useSetPolicy() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (change: PolicyChange) => retentionApi.setRetentionPolicy(change),
    onSettled: () => client.invalidateQueries({ queryKey: overviewKey }),
  });
}

/** What a run now would do. */
export function usePreview() {
  return useMutation({ mutationFn: () => retentionApi.previewRetention() });
}

/** Runs every due policy now; progress holds the latest progress event while any run is going. */
export function useRunNow() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => retentionApi.runRetentionNow(),
    onSettled: () => client.invalidateQueries({ queryKey: overviewKey }),
  });
}

/** The progress of the run in progress (scheduled or manual); null when none reports. */
export function useRetentionProgress(): RetentionProgress | null {
  const [progress, setProgress] = useState<RetentionProgress | null>(null);
  useEffect(() => {
    const offProgress = onEvent(EventName.RetentionProgress, (p) => setProgress(p));
    const offDone = onEvent(EventName.RetentionDone, () => setProgress(null));
    return () => {
      offProgress();
      offDone();
    };
  }, []);
  return progress;
}
