// The overview (Go: app.go).
import * as StatusService from '../../../../wailsjs/go/desktop/StatusService';
import type { desktop } from '../../../../wailsjs/go/models';
import { call, type Data } from '@/lib/backend';

export type StatusInfo = Data<desktop.StatusInfo>;
export type TypeCount = Data<desktop.TypeCount>;

export const statusApi = {
  status: (): Promise<StatusInfo> => call(() => StatusService.Status()),
  version: (): Promise<string> => call(() => StatusService.Version()),
};
