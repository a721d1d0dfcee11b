// Exporting records (Go: app_export.go); progress comes as EventName.ExportProgress.
import * as App from '../../../../wailsjs/go/main/App';
import type { main } from '../../../../wailsjs/go/models';
import { call, type Data } from '@/lib/backend';

export type ExportResult = Data<main.ExportResult>;

export const exportApi = {
  /** Opens the native save dialog; resolves to '' when the user cancels. */
  chooseExportFile: (): Promise<string> => call(() => App.ChooseExportFile()),
  /** Exports every record, or only those of typeName. */
  exportFile: (path: string, typeName = ''): Promise<ExportResult> => call(() => App.ExportFile(path, typeName)),
  /** Stops the running export; resolves to whether one was running. */
  cancel: (): Promise<boolean> => call(() => App.Cancel()),
};
