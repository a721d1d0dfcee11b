import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { searchApi } from './searchApi';

/** How long typing must pause before the search runs. */
export const debounceMs = 250;

/** A query that follows its input after a pause; flush() makes it follow at once (Enter). */
export function useDebounced(value: string, ms = debounceMs) {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const id = window.setTimeout(() => setSettled(value), ms);
    return () => window.clearTimeout(id);
  }, [value, ms]);
  return [settled, () => setSettled(value)] as const;
}

export const searchKey = (query: string, areas: string[]) => ['search', query, areas] as const;

/** The person search for a settled query (nothing for fewer than two characters). */
export function usePersonSearch(query: string, areas: string[]) {
  const q = query.trim();
  return useQuery({
    queryKey: searchKey(q, areas),
    queryFn: () => searchApi.searchPersons({ query: q, areas }),
    enabled: q.length >= 2,
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

/** Previews "anonymise everywhere". */
export function useErasurePreview() {
  return useMutation({
    mutationFn: ({ query, values }: { query: string; values: string[] }) => searchApi.previewErasure(query, values),
  });
}

/** Anonymises the person everywhere, then searches again. */
export function useErase() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ query, values }: { query: string; values: string[] }) => searchApi.eraseEverywhere(query, values),
    onSettled: () => client.invalidateQueries({ queryKey: ['search'] }),
  });
}
