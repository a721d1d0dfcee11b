// The logs screen's backend calls: the event and system logs are record types, read and
// exported as an audit view (Go: app_records.go, app_logs_export.go).
import * as LogsService from '../../../../wailsjs/go/desktop/LogsService';
import * as RecordsService from '../../../../wailsjs/go/desktop/RecordsService';
import type { records } from '../../../../wailsjs/go/models';
import { call, type Data } from '@/lib/backend';

export type LogQuery = Data<records.Query>;
export type LogPage = Data<records.Page>;
export type LogRow = Data<records.Detail>;
export type RecordOption = Data<records.Option>;

export const logsApi = {
  /** One page of a log (query.type is 'event' or 'system_log'). */
  list: (query: LogQuery): Promise<LogPage> => call(() => RecordsService.ListRecords(query as records.Query)),
  /** Records of a type whose id contains text: the names of the records a log row links to. */
  lookup: (type: string, text: string, limit: number): Promise<RecordOption[]> => call(() => RecordsService.LookupRecords(type, text, limit)),
  /** Opens the native save dialog for `<name>-<date>.csv`; resolves to '' when the user cancels. */
  chooseCsvFile: (name: string): Promise<string> => call(() => LogsService.ChooseCSVFile(name)),
  /** Writes every row the query selects (all pages) as CSV; resolves to how many. */
  exportCsv: (query: LogQuery, path: string): Promise<number> => call(() => LogsService.ExportRecordsCSV(query as records.Query, path)),
};
