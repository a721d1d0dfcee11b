import { useQuery } from '@tanstack/react-query';
import { recordsApi, type RecordOption } from './recordsApi';

/** Display names of linked records, as a detail or a list page carries them. */
export type LinkNames = { names?: Record<string, string> | null; customers?: Record<string, string> | null };

/**
 * The key of a link target in the backend's names (records.NameKey): 'user/U1'; customer
 * links carry the customer number, 'customer_number/1001'.
 */
export function nameKey(target: string, value: string): string {
  return target === 'customer' ? `customer_number/${value}` : `${target}/${value}`;
}

/** 'Anna Öberg (anna) (U1)': the name with the id or number it stands for; the bare value where there is no name. */
export function withValue(name: string | undefined, value: string): string {
  return name && name !== value ? `${name} (${value})` : value;
}

/** The display name of a link target, or undefined where the backend gave none (missing, or not the user's to read). */
export function linkName(links: LinkNames, target: string, value: string): string | undefined {
  return links.names?.[nameKey(target, value)];
}

/** The id of the record a link value points at: a customer number's customer, else the value itself. */
export function linkId(links: LinkNames, target: string, value: string): string | undefined {
  return target === 'customer' ? (links.customers?.[value] ?? undefined) : value;
}

/** The values of a link field: one for link and customer_link, each member of a link_list. */
export function linkValues(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string' && v !== '');
  return typeof value === 'string' && value !== '' ? [value] : [];
}

export const lookupLimit = 20;

/** Records of a type matching text, for a link picker; runs only while the picker is open. */
export function useLookup(type: string, text: string, enabled: boolean) {
  return useQuery<RecordOption[]>({
    queryKey: ['record-lookup', type, text],
    queryFn: () => recordsApi.lookupRecords(type, text, lookupLimit),
    enabled: enabled && type !== '',
    staleTime: 10_000,
  });
}
