// Exporting records (Go: app_export.go); progress comes as EventName.ExportProgress.
import * as TransferService from '../../../../wailsjs/go/desktop/TransferService';
import type { desktop } from '../../../../wailsjs/go/models';
import { call, type Data } from '@/lib/backend';

export type ExportResult = Data<desktop.ExportResult>;

export const exportApi = {
  /** Opens the native save dialog; resolves to '' when the user cancels. */
  chooseExportFile: (): Promise<string> => call(() => TransferService.ChooseExportFile()),
  /** Exports every record, or only those of typeName. */
  exportFile: (path: string, typeName = ''): Promise<ExportResult> => call(() => TransferService.ExportFile(path, typeName)),
  /** Stops the running export; resolves to whether one was running. */
  cancel: (): Promise<boolean> => call(() => TransferService.Cancel()),
};
