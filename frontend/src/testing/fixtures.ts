import type { StatusInfo, TypeCount } from '@/features/status/api/statusApi';

const labels: Array<[string, string, string, string]> = [
  ['customer', 'Workcloud', 'Kundregister', 'Customers'],
  ['work_order', 'Workcloud', 'Arbetsorder', 'Work orders'],
  ['time_report', 'Time', 'Tidrapporter', 'Time reports'],
  ['inventory', 'GDPR', 'Inventering', 'Inventory'],
  ['user', 'Settings', 'Användare', 'Users'],
  ['system_log', '', 'Systemlogg', 'System log'],
];

/** A StatusInfo shaped like the backend's, with the given counts per type. */
export function statusWith(counts: Record<string, number>, storeExists = true): StatusInfo {
  const types: TypeCount[] = labels.map(([type, area, labelSv, labelEn]) => ({
    type,
    area,
    labelSv,
    labelEn,
    count: counts[type] ?? 0,
  }));
  return {
    version: '0.1.0-test',
    dataDir: '/home/anna/.local/share/Dataskydd',
    storeExists,
    total: types.reduce((n, c) => n + c.count, 0),
    types,
  };
}
