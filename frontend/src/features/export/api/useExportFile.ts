import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { EventName, onEvent, type Progress } from '@/lib/backend';
import { exportApi } from './exportApi';

/** Exports to a file; while it runs, progress holds the backend's latest progress event. */
export function useExportFile() {
  const [progress, setProgress] = useState<Progress | null>(null);
  useEffect(() => onEvent(EventName.ExportProgress, (p) => setProgress(p.finished ? null : p)), []);
  const mutation = useMutation({
    mutationFn: ({ path, typeName = '' }: { path: string; typeName?: string }) => exportApi.exportFile(path, typeName),
    onSettled: () => setProgress(null),
  });
  return { ...mutation, progress };
}
