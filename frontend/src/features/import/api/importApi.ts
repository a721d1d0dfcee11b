// Importing files (Go: app_import.go); progress comes as EventName.ImportProgress.
import * as App from '../../../../wailsjs/go/main/App';
import type { main } from '../../../../wailsjs/go/models';
import { call, type Data } from '@/lib/backend';

export type ImportResult = Data<main.ImportResult>;
export type ImportProblem = Data<main.ImportProblem>;

export const importApi = {
  /** Opens the native open-file dialog; resolves to [] when the user cancels. */
  chooseImportFiles: (): Promise<string[]> => call(() => App.ChooseImportFiles()),
  importFiles: (paths: string[]): Promise<ImportResult> => call(() => App.ImportFiles(paths)),
  /** Stops the running import; resolves to whether one was running. */
  cancel: (): Promise<boolean> => call(() => App.Cancel()),
};
