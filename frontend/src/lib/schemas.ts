import { useQuery } from '@tanstack/react-query';
import { schemasApi } from './schemasApi';

export type { FieldSchema, TypeSchema } from './schemasApi';

/** The react-query key of the record schemas. */
export const schemasKey = ['record-schemas'] as const;

/** The record types the user may read, with every field (registry-driven; read once). */
export function useSchemas() {
  return useQuery({ queryKey: schemasKey, queryFn: () => schemasApi.recordSchemas(), staleTime: Infinity });
}
