// The records feature's backend calls (Go: app_records.go).
import * as RecordsService from '../../../../wailsjs/go/desktop/RecordsService';
import type { desktop, records } from '../../../../wailsjs/go/models';
import { call, type Data } from '@/lib/backend';

export type RecordDetail = Data<records.Detail>;
export type RecordPage = Data<records.Page>;
export type RecordQuery = Data<records.Query>;
export type RecordOption = Data<records.Option>;
export type SaveResult = Data<desktop.SaveResult>;
export type FieldProblem = Data<desktop.FieldProblem>;

export const recordsApi = {
  listRecords: (query: RecordQuery): Promise<RecordPage> => call(() => RecordsService.ListRecords(query as records.Query)),
  getRecord: (type: string, id: string): Promise<RecordDetail> => call(() => RecordsService.GetRecord(type, id)),
  /** Records of a type whose id, customer number or name contains text, for link pickers (at most 50). */
  lookupRecords: (type: string, text: string, limit: number): Promise<RecordOption[]> => call(() => RecordsService.LookupRecords(type, text, limit)),
  saveRecord: (type: string, id: string, values: Record<string, unknown>, create: boolean): Promise<SaveResult> =>
    call(() => RecordsService.SaveRecord(type, id, values, create)),
  recordDeleteEffect: (type: string): Promise<string> => call(() => RecordsService.RecordDeleteEffect(type)),
  deleteRecord: (type: string, id: string): Promise<string> => call(() => RecordsService.DeleteRecord(type, id)),
};
