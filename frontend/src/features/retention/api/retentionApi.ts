// Settings > GDPR > anonymisation (Go: app_retention.go) and the scheduler token
// (app_scheduler.go; admins): it lets a scheduled job run `dataskydd --scheduler anonymise`
// without a password.
import * as RetentionService from '../../../../wailsjs/go/desktop/RetentionService';
import type { desktop } from '../../../../wailsjs/go/models';
import { call, type Data } from '@/lib/backend';

export type RetentionOverview = Data<desktop.RetentionOverview>;
export type RetentionPolicy = Data<desktop.RetentionPolicy>;
export type RetentionRun = Data<desktop.RetentionRun>;
export type RetentionTypeCounts = Data<desktop.TypeCounts>;
export type PolicyChange = Data<desktop.PolicyChange>;
export type SchedulerTokenInfo = Data<desktop.SchedulerTokenInfo>;

/**
 * Payload of the retention progress event (Go: RetentionProgress in app_retention.go). Written
 * by hand: Wails generates only the types of bound methods, and no method returns this one.
 */
export interface RetentionProgress {
  type: string;
  labelSv: string;
  labelEn: string;
  done: number;
  due: number;
}

declare module '@/lib/backend' {
  interface KnownPayloads {
    [desktop.EventName.RetentionProgress]: RetentionProgress;
    [desktop.EventName.RetentionDone]: RetentionRun;
  }
}

export const retentionApi = {
  retentionOverview: (): Promise<RetentionOverview> => call(() => RetentionService.RetentionOverview()),
  setRetentionPolicy: (change: PolicyChange): Promise<RetentionPolicy> => call(() => RetentionService.SetRetentionPolicy(change as desktop.PolicyChange)),
  /** What the next run would do to one type if its policy were on with days; changes nothing. */
  previewRetentionPolicy: (type: string, days: number): Promise<RetentionTypeCounts> => call(() => RetentionService.PreviewRetentionPolicy(type, days)),
  /** What a run now would do; changes nothing. */
  previewRetention: (): Promise<RetentionRun> => call(() => RetentionService.PreviewRetention()),
  runRetentionNow: (): Promise<RetentionRun> => call(() => RetentionService.RunRetentionNow()),
  cancelRetention: (): Promise<boolean> => call(() => RetentionService.CancelRetention()),
};

export const schedulerApi = {
  schedulerToken: (): Promise<SchedulerTokenInfo> => call(() => RetentionService.SchedulerToken()),
  /** Makes a new token (replacing any earlier one) and stores it in the OS keyring. */
  createSchedulerToken: (): Promise<SchedulerTokenInfo> => call(() => RetentionService.CreateSchedulerToken()),
  /** Scheduled runs stop working at once. */
  revokeSchedulerToken: (): Promise<void> => call(() => RetentionService.RevokeSchedulerToken()),
};
