// Settings > GDPR > anonymisation (Go: app_retention.go) and the scheduler token
// (app_scheduler.go; admins): it lets a scheduled job run `dataskydd --scheduler anonymise`
// without a password.
import * as App from '../../../../wailsjs/go/main/App';
import type { main } from '../../../../wailsjs/go/models';
import { call, type Data } from '@/lib/backend';

export type RetentionOverview = Data<main.RetentionOverview>;
export type RetentionPolicy = Data<main.RetentionPolicy>;
export type RetentionRun = Data<main.RetentionRun>;
export type RetentionTypeCounts = Data<main.TypeCounts>;
export type PolicyChange = Data<main.PolicyChange>;
export type SchedulerTokenInfo = Data<main.SchedulerTokenInfo>;

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
    [main.EventName.RetentionProgress]: RetentionProgress;
    [main.EventName.RetentionDone]: RetentionRun;
  }
}

export const retentionApi = {
  retentionOverview: (): Promise<RetentionOverview> => call(() => App.RetentionOverview()),
  setRetentionPolicy: (change: PolicyChange): Promise<RetentionPolicy> => call(() => App.SetRetentionPolicy(change as main.PolicyChange)),
  /** What the next run would do to one type if its policy were on with days; changes nothing. */
  previewRetentionPolicy: (type: string, days: number): Promise<RetentionTypeCounts> => call(() => App.PreviewRetentionPolicy(type, days)),
  /** What a run now would do; changes nothing. */
  previewRetention: (): Promise<RetentionRun> => call(() => App.PreviewRetention()),
  runRetentionNow: (): Promise<RetentionRun> => call(() => App.RunRetentionNow()),
  cancelRetention: (): Promise<boolean> => call(() => App.CancelRetention()),
};

export const schedulerApi = {
  schedulerToken: (): Promise<SchedulerTokenInfo> => call(() => App.SchedulerToken()),
  /** Makes a new token (replacing any earlier one) and stores it in the OS keyring. */
  createSchedulerToken: (): Promise<SchedulerTokenInfo> => call(() => App.CreateSchedulerToken()),
  /** Scheduled runs stop working at once. */
  revokeSchedulerToken: (): Promise<void> => call(() => App.RevokeSchedulerToken()),
};
