import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { EventName, onEvent, type Progress } from '@/lib/backend';
import { importApi } from './importApi';

/** Imports files; while it runs, progress holds the backend's latest progress event. */
export function useImportFiles() {
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState<Progress | null>(null);
  useEffect(() => onEvent(EventName.ImportProgress, (p) => setProgress(p.finished ? null : p)), []);
  const mutation = useMutation({
    mutationFn: (paths: string[]) => importApi.importFiles(paths),
    onSettled: () => {
      setProgress(null);
      // Every cached view may show records: read them again.
      void queryClient.invalidateQueries();
    },
  });
  return { ...mutation, progress };
}
