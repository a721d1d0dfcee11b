// Settings > GDPR > person search: search, access report, erasure everywhere and the search
// index (Go: app_search.go).
import * as App from '../../../../wailsjs/go/main/App';
import type { main, search } from '../../../../wailsjs/go/models';
import { call, type Challenge, type Data } from '@/lib/backend';

export type SearchRequest = Data<main.SearchRequest>;
export type SearchResult = Data<main.SearchResult>;
export type SearchGroup = Data<main.SearchGroup>;
export type SearchHit = Data<main.SearchHit>;
export type ReportFiles = Data<main.ReportFiles>;
export type ErasurePlan = Data<main.ErasurePlan>;
export type ErasureChange = Data<main.ErasureChange>;
export type PersonGroup = Data<main.PersonGroup>;
export type ValueChoice = Data<search.ValueChoice>;
export type IndexCheck = Data<main.IndexCheck>;

/**
 * Payload of the index rebuild's progress event (Go: IndexProgress in app_search.go). Written
 * by hand: Wails generates only the types of bound methods, and no method returns this one.
 */
export interface IndexProgress {
  done: number;
  total: number;
  finished: boolean;
}

declare module '@/lib/backend' {
  interface KnownPayloads {
    [main.EventName.IndexProgress]: IndexProgress;
  }
}

export const searchApi = {
  searchPersons: (request: SearchRequest): Promise<SearchResult> => call(() => App.SearchPersons(request as main.SearchRequest)),
  /** Opens the native save dialog; resolves to '' when the user cancels. */
  chooseReportFile: (): Promise<string> => call(() => App.ChooseReportFile()),
  writeAccessReport: (query: string, values: string[], path: string): Promise<ReportFiles> => call(() => App.WriteAccessReport(query, values, path)),
  previewErasure: (query: string, values: string[]): Promise<ErasurePlan> => call(() => App.PreviewErasure(query, values)),
  eraseEverywhere: (query: string, values: string[]): Promise<ErasurePlan> => call(() => App.EraseEverywhere(query, values)),
  checkIndex: (): Promise<IndexCheck> => call(() => App.CheckIndex()),
  /** Rebuilds the search index, sending index progress events. */
  rebuildIndex: (): Promise<IndexCheck> => call(() => App.RebuildIndex()),
};

// The GDPR inventory switch (Go: app_inventory.go): person search, report and erase behind a code.
export type InventoryStepUpInfo = Data<main.InventoryStepUpInfo>;
export const inventoryApi = {
  stepUp: (): Promise<InventoryStepUpInfo> => call(() => App.InventoryStepUp()),
  startChallenge: (): Promise<Challenge> => call(() => App.StartInventoryChallenge()),
  passChallenge: (challengeId: string, code: string): Promise<void> => call(() => App.PassInventoryChallenge(challengeId, code)),
};
