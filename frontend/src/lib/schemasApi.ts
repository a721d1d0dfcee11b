// The record registry's schemas (Go: app_records.go): every feature that shows records or
// their names (records, logs, the person search, the words of lib/labels) reads them.
import * as RecordsService from '../../wailsjs/go/desktop/RecordsService';
import type { records } from '../../wailsjs/go/models';
import { call, type Data } from './backend';

export type TypeSchema = Data<records.TypeSchema>;
export type FieldSchema = Data<records.FieldSchema>;

export const schemasApi = {
  recordSchemas: (): Promise<TypeSchema[]> => call(() => RecordsService.RecordSchemas()),
};
