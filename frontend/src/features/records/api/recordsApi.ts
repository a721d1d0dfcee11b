// The records feature's backend calls (Go: app_records.go).
import * as App from '../../../../wailsjs/go/main/App';
import type { main, records } from '../../../../wailsjs/go/models';
import { call, type Data } from '@/lib/backend';

export type RecordDetail = Data<records.Detail>;
export type RecordPage = Data<records.Page>;
export type RecordQuery = Data<records.Query>;
export type RecordOption = Data<records.Option>;
export type SaveResult = Data<main.SaveResult>;
export type FieldProblem = Data<main.FieldProblem>;

export const recordsApi = {
  listRecords: (query: RecordQuery): Promise<RecordPage> => call(() => App.ListRecords(query as records.Query)),
  getRecord: (type: string, id: string): Promise<RecordDetail> => call(() => App.GetRecord(type, id)),
  /** Records of a type whose id, customer number or name contains text, for link pickers (at most 50). */
  lookupRecords: (type: string, text: string, limit: number): Promise<RecordOption[]> => call(() => App.LookupRecords(type, text, limit)),
  saveRecord: (type: string, id: string, values: Record<string, unknown>, create: boolean): Promise<SaveResult> =>
    call(() => App.SaveRecord(type, id, values, create)),
  recordDeleteEffect: (type: string): Promise<string> => call(() => App.RecordDeleteEffect(type)),
  deleteRecord: (type: string, id: string): Promise<string> => call(() => App.DeleteRecord(type, id)),
};
