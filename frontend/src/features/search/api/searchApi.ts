// Settings > GDPR > person search: search, access report, erasure everywhere and the search
// index (Go: app_search.go).
import * as SearchService from '../../../../wailsjs/go/desktop/SearchService';
import type { desktop, search } from '../../../../wailsjs/go/models';
import { call, type Challenge, type Data } from '@/lib/backend';

export type SearchRequest = Data<desktop.SearchRequest>;
export type SearchResult = Data<desktop.SearchResult>;
export type SearchGroup = Data<desktop.SearchGroup>;
export type SearchHit = Data<desktop.SearchHit>;
export type ReportFiles = Data<desktop.ReportFiles>;
export type ErasurePlan = Data<desktop.ErasurePlan>;
export type ErasureChange = Data<desktop.ErasureChange>;
export type PersonGroup = Data<desktop.PersonGroup>;
export type ValueChoice = Data<search.ValueChoice>;
export type IndexCheck = Data<desktop.IndexCheck>;

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
    [desktop.EventName.IndexProgress]: IndexProgress;
  }
}

export const searchApi = {
  searchPersons: (request: SearchRequest): Promise<SearchResult> => call(() => SearchService.SearchPersons(request as desktop.SearchRequest)),
  /** Opens the native save dialog; resolves to '' when the user cancels. */
  chooseReportFile: (): Promise<string> => call(() => SearchService.ChooseReportFile()),
  writeAccessReport: (query: string, values: string[], path: string): Promise<ReportFiles> => call(() => SearchService.WriteAccessReport(query, values, path)),
  previewErasure: (query: string, values: string[]): Promise<ErasurePlan> => call(() => SearchService.PreviewErasure(query, values)),
  eraseEverywhere: (query: string, values: string[]): Promise<ErasurePlan> => call(() => SearchService.EraseEverywhere(query, values)),
  checkIndex: (): Promise<IndexCheck> => call(() => SearchService.CheckIndex()),
  /** Rebuilds the search index, sending index progress events. */
  rebuildIndex: (): Promise<IndexCheck> => call(() => SearchService.RebuildIndex()),
};

// The GDPR inventory switch (Go: app_inventory.go): person search, report and erase behind a code.
export type InventoryStepUpInfo = Data<desktop.InventoryStepUpInfo>;
export const inventoryApi = {
  stepUp: (): Promise<InventoryStepUpInfo> => call(() => SearchService.InventoryStepUp()),
  startChallenge: (): Promise<Challenge> => call(() => SearchService.StartInventoryChallenge()),
  passChallenge: (challengeId: string, code: string): Promise<void> => call(() => SearchService.PassInventoryChallenge(challengeId, code)),
};
