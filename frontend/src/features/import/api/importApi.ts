// Importing files (Go: app_import.go); progress comes as EventName.ImportProgress.
import * as TransferService from '../../../../wailsjs/go/desktop/TransferService';
import type { desktop } from '../../../../wailsjs/go/models';
import { call, type Data } from '@/lib/backend';

export type ImportResult = Data<desktop.ImportResult>;
export type ImportProblem = Data<desktop.ImportProblem>;

export const importApi = {
  /** Opens the native open-file dialog; resolves to [] when the user cancels. */
  chooseImportFiles: (): Promise<string[]> => call(() => TransferService.ChooseImportFiles()),
  importFiles: (paths: string[]): Promise<ImportResult> => call(() => TransferService.ImportFiles(paths)),
  /** Stops the running import; resolves to whether one was running. */
  cancel: (): Promise<boolean> => call(() => TransferService.Cancel()),
};
