// The overview (Go: app.go).
import * as App from '../../../../wailsjs/go/main/App';
import type { main } from '../../../../wailsjs/go/models';
import { call, type Data } from '@/lib/backend';

export type StatusInfo = Data<main.StatusInfo>;
export type TypeCount = Data<main.TypeCount>;

export const statusApi = {
  status: (): Promise<StatusInfo> => call(() => App.Status()),
  version: (): Promise<string> => call(() => App.Version()),
};
