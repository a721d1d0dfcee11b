// The one typed wrapper over the Wails-generated bindings (wailsjs/go). Features
// import the backend from here only, so unit tests mock this module and the
// end-to-end run drives the real one.
import * as SessionService from '../../wailsjs/go/desktop/SessionService';
import * as TwoFactorService from '../../wailsjs/go/desktop/TwoFactorService';
import * as ForgottenService from '../../wailsjs/go/desktop/ForgottenService';
import * as StatusService from '../../wailsjs/go/desktop/StatusService';
import * as RecordsService from '../../wailsjs/go/desktop/RecordsService';
import * as UsersService from '../../wailsjs/go/desktop/UsersService';
import * as TransferService from '../../wailsjs/go/desktop/TransferService';
import * as LogsService from '../../wailsjs/go/desktop/LogsService';
import * as SearchService from '../../wailsjs/go/desktop/SearchService';
import * as RetentionService from '../../wailsjs/go/desktop/RetentionService';
import * as VaultService from '../../wailsjs/go/desktop/VaultService';
import * as SMSService from '../../wailsjs/go/desktop/SMSService';
import * as PortalService from '../../wailsjs/go/desktop/PortalService';
import { desktop, portal, records, search, twofactor, vault } from '../../wailsjs/go/models';

// The backend's services (backend/desktop), each bound on its own; App.X is the method X of
// whichever service has it.
const App = {
  ...SessionService,
  ...TwoFactorService,
  ...ForgottenService,
  ...StatusService,
  ...RecordsService,
  ...UsersService,
  ...TransferService,
  ...LogsService,
  ...SearchService,
  ...RetentionService,
  ...VaultService,
  ...SMSService,
  ...PortalService,
};

/**
 * The data of a generated model class. The bridge hands over plain JSON objects,
 * not instances, so the classes' helper methods are not there at run time.
 */
export type Data<T> = T extends readonly (infer E)[]
  ? Data<E>[]
  : T extends object
    ? { [K in keyof T as T[K] extends (...args: never[]) => unknown ? never : K]: Data<T[K]> }
    : T;

export type StatusInfo = Data<desktop.StatusInfo>;
export type TypeCount = Data<desktop.TypeCount>;
export type ImportResult = Data<desktop.ImportResult>;
export type ImportProblem = Data<desktop.ImportProblem>;
export type ExportResult = Data<desktop.ExportResult>;
export type AppState = Data<desktop.AppState>;
export type SessionInfo = Data<desktop.SessionInfo>;
export type FirstRunInput = Data<desktop.FirstRunInput>;
export type NewUserInput = Data<desktop.NewUserInput>;
export type UserRow = Data<desktop.UserRow>;
export type SaveResult = Data<desktop.SaveResult>;
export type FieldProblem = Data<desktop.FieldProblem>;
export type TypeSchema = Data<records.TypeSchema>;
export type FieldSchema = Data<records.FieldSchema>;
export type RecordDetail = Data<records.Detail>;
export type RecordPage = Data<records.Page>;
export type RecordQuery = Data<records.Query>;
export type RecordOption = Data<records.Option>;
export const ErrorCode = desktop.ErrorCode;
export type ErrorCode = desktop.ErrorCode;
export const EventName = desktop.EventName;
export type EventName = desktop.EventName;

/** A failed backend call: the stable code is what the UI translates. */
export class BackendError extends Error {
  readonly code: ErrorCode;
  /** For a throttled login: when it may be tried again (RFC 3339). */
  readonly retryAt?: string;
  /** For no_phone: where an administrator adds the number. */
  readonly where?: string;

  constructor(code: ErrorCode, message: string, retryAt?: string, where?: string) {
    super(message);
    this.name = 'BackendError';
    this.code = code;
    if (retryAt) this.retryAt = retryAt;
    if (where) this.where = where;
  }
}

const knownCodes = new Set<string>(Object.values(desktop.ErrorCode));

function fromAppError(value: unknown): BackendError | null {
  if (!value || typeof value !== 'object' || !('code' in value)) return null;
  const { code, message, retryAt, where } = value as { code: unknown; message?: unknown; retryAt?: unknown; where?: unknown };
  const text = typeof message === 'string' ? message : '';
  const retry = typeof retryAt === 'string' ? retryAt : undefined;
  const place = typeof where === 'string' ? where : undefined;
  if (typeof code === 'string' && knownCodes.has(code)) return new BackendError(code as ErrorCode, text, retry, place);
  return new BackendError(desktop.ErrorCode.Internal, text);
}

/**
 * Turns whatever a rejected binding promise carries into a BackendError. The Go side
 * (FormatError in backend/desktop/errors.go) sends an AppError as JSON; the Wails runtime wraps it
 * in an Error whose message is that JSON.
 */
export function toBackendError(reason: unknown): BackendError {
  if (reason instanceof BackendError) return reason;
  const structured = fromAppError(reason);
  if (structured) return structured;
  const text = reason instanceof Error ? reason.message : String(reason);
  if (text.startsWith('{')) {
    try {
      const parsed = fromAppError(JSON.parse(text));
      if (parsed) return parsed;
    } catch {
      // not JSON after all: fall through
    }
  }
  return new BackendError(desktop.ErrorCode.Internal, text);
}

async function call<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (reason) {
    throw toBackendError(reason);
  }
}

/** Payload of the import and export progress events (Go: Progress in app_events.go). */
export interface Progress {
  /** Bytes read (import) or records written (export) so far. */
  done: number;
  /** The same in all; 0 when not known. */
  total: number;
  finished: boolean;
}

type Unsubscribe = () => void;

interface WailsRuntime {
  EventsOnMultiple(name: string, callback: (...data: unknown[]) => void, maxCallbacks: number): Unsubscribe;
}

declare global {
  interface Window {
    runtime?: WailsRuntime;
  }
}

/** Payload type of the runtime events the UI reads; others carry unknown data. */
interface KnownPayloads {
  [desktop.EventName.ImportProgress]: Progress;
  [desktop.EventName.ExportProgress]: Progress;
  [desktop.EventName.StoreChanged]: undefined;
  [desktop.EventName.SessionLocked]: undefined;
}

export type EventPayload<E extends EventName> = E extends keyof KnownPayloads ? KnownPayloads[E] : unknown;

/** Subscribes to a backend event; returns the function that unsubscribes. */
export function onEvent<E extends EventName>(name: E, callback: (data: EventPayload<E>) => void): Unsubscribe {
  const runtime = window.runtime;
  if (!runtime) return () => undefined; // no Wails runtime (unit tests, plain browser)
  return runtime.EventsOnMultiple(name, (data) => callback(data as EventPayload<E>), -1);
}

export const backend = {
  status: (): Promise<StatusInfo> => call(() => App.Status()),
  version: (): Promise<string> => call(() => App.Version()),
  /** Opens the native open-file dialog; resolves to [] when the user cancels. */
  chooseImportFiles: (): Promise<string[]> => call(() => App.ChooseImportFiles()),
  importFiles: (paths: string[]): Promise<ImportResult> => call(() => App.ImportFiles(paths)),
  /** Opens the native save dialog; resolves to '' when the user cancels. */
  chooseExportFile: (): Promise<string> => call(() => App.ChooseExportFile()),
  /** Exports every record, or only those of typeName. */
  exportFile: (path: string, typeName = ''): Promise<ExportResult> => call(() => App.ExportFile(path, typeName)),
  /** Stops the running import or export; resolves to whether one was running. */
  cancel: (): Promise<boolean> => call(() => App.Cancel()),
  // Session and accounts (app_auth.go, app_users.go)
  state: (): Promise<AppState> => call(() => App.State()),
  firstRun: (input: FirstRunInput): Promise<SessionInfo> => call(() => App.FirstRun(input)),
  login: (username: string, password: string): Promise<SessionInfo> => call(() => App.Login(username, password)),
  logout: (): Promise<void> => call(() => App.Logout()),
  lock: (): Promise<void> => call(() => App.Lock()),
  me: (): Promise<SessionInfo> => call(() => App.Me()),
  changeOwnPassword: (oldPassword: string, newPassword: string): Promise<void> =>
    call(() => App.ChangeOwnPassword(oldPassword, newPassword)),
  setIdleLockMinutes: (minutes: number): Promise<void> => call(() => App.SetIdleLockMinutes(minutes)),
  listUsers: (): Promise<UserRow[]> => call(() => App.ListUsers()),
  createUser: (input: NewUserInput): Promise<string> => call(() => App.CreateUser(input)),
  setUserRoles: (userId: string, roles: string[]): Promise<void> => call(() => App.SetUserRoles(userId, roles)),
  setUserActive: (userId: string, active: boolean): Promise<void> => call(() => App.SetUserActive(userId, active)),
  resetUserPassword: (userId: string, password: string): Promise<void> =>
    call(() => App.ResetUserPassword(userId, password)),
  deleteUser: (userId: string): Promise<string> => call(() => App.DeleteUser(userId)),
  // Records (app_records.go)
  recordSchemas: (): Promise<TypeSchema[]> => call(() => App.RecordSchemas()),
  listRecords: (query: RecordQuery): Promise<RecordPage> => call(() => App.ListRecords(query as records.Query)),
  getRecord: (type: string, id: string): Promise<RecordDetail> => call(() => App.GetRecord(type, id)),
  /** Records of a type whose id, customer number or name contains text, for link pickers (at most 50). */
  lookupRecords: (type: string, text: string, limit: number): Promise<RecordOption[]> => call(() => App.LookupRecords(type, text, limit)),
  saveRecord: (type: string, id: string, values: Record<string, unknown>, create: boolean): Promise<SaveResult> =>
    call(() => App.SaveRecord(type, id, values, create)),
  recordDeleteEffect: (type: string): Promise<string> => call(() => App.RecordDeleteEffect(type)),
  // The logs as an audit view (app_logs_export.go).
  /** Opens the native save dialog for `<name>-<date>.csv`; resolves to '' when the user cancels. */
  chooseCsvFile: (name: string): Promise<string> => call(() => App.ChooseCSVFile(name)),
  /** Writes every record the query selects (all pages) as CSV; resolves to how many. */
  exportRecordsCsv: (query: RecordQuery, path: string): Promise<number> => call(() => App.ExportRecordsCSV(query as records.Query, path)),
  deleteRecord: (type: string, id: string): Promise<string> => call(() => App.DeleteRecord(type, id)),
};

// Settings > GDPR: anonymisation (app_retention.go) and the person search (app_search.go).
export type RetentionOverview = Data<desktop.RetentionOverview>;
export type RetentionPolicy = Data<desktop.RetentionPolicy>;
export type RetentionRun = Data<desktop.RetentionRun>;
export type RetentionTypeCounts = Data<desktop.TypeCounts>;
export type PolicyChange = Data<desktop.PolicyChange>;
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
/** Payload of the index rebuild's progress event (Go: IndexProgress in app_search.go). */
export interface IndexProgress {
  done: number;
  total: number;
  finished: boolean;
}

/** Payload of the retention progress event (Go: RetentionProgress in app_retention.go). */
export interface RetentionProgress {
  type: string;
  labelSv: string;
  labelEn: string;
  done: number;
  due: number;
}

// Declaration merging: the payloads of the GDPR screens' events.
interface KnownPayloads {
  [desktop.EventName.RetentionProgress]: RetentionProgress;
  [desktop.EventName.RetentionDone]: RetentionRun;
  [desktop.EventName.IndexProgress]: IndexProgress;
}

export const gdprBackend = {
  retentionOverview: (): Promise<RetentionOverview> => call(() => App.RetentionOverview()),
  setRetentionPolicy: (change: PolicyChange): Promise<RetentionPolicy> =>
    call(() => App.SetRetentionPolicy(change as desktop.PolicyChange)),
  /** What the next run would do to one type if its policy were on with days; changes nothing. */
  previewRetentionPolicy: (type: string, days: number): Promise<RetentionTypeCounts> => call(() => App.PreviewRetentionPolicy(type, days)),
  /** What a run now would do; changes nothing. */
  previewRetention: (): Promise<RetentionRun> => call(() => App.PreviewRetention()),
  runRetentionNow: (): Promise<RetentionRun> => call(() => App.RunRetentionNow()),
  cancelRetention: (): Promise<boolean> => call(() => App.CancelRetention()),
  searchPersons: (request: SearchRequest): Promise<SearchResult> =>
    call(() => App.SearchPersons(request as desktop.SearchRequest)),
  /** Opens the native save dialog; resolves to '' when the user cancels. */
  chooseReportFile: (): Promise<string> => call(() => App.ChooseReportFile()),
  writeAccessReport: (query: string, values: string[], path: string): Promise<ReportFiles> =>
    call(() => App.WriteAccessReport(query, values, path)),
  previewErasure: (query: string, values: string[]): Promise<ErasurePlan> =>
    call(() => App.PreviewErasure(query, values)),
  eraseEverywhere: (query: string, values: string[]): Promise<ErasurePlan> =>
    call(() => App.EraseEverywhere(query, values)),
  checkIndex: (): Promise<IndexCheck> => call(() => App.CheckIndex()),
  /** Rebuilds the search index, sending index progress events. */
  rebuildIndex: (): Promise<IndexCheck> => call(() => App.RebuildIndex()),
};

// Secure data, two-factor authentication and SMS (app_vault.go, app_twofactor.go, app_sms.go).
export type VaultForm = Data<vault.Form>;
export type VaultField = Data<vault.Field>;
export type VaultMember = Data<vault.Member>;
export type VaultEntry = Data<vault.Entry>;
export type VaultEntryInput = Data<vault.EntryInput>;
export type VaultEntryPage = Data<desktop.VaultEntryPage>;
export type VaultInfo = Data<desktop.VaultInfo>;
export type VaultUnlock = Data<desktop.VaultUnlock>;
export type VaultPerson = Data<desktop.VaultPerson>;
export type Challenge = Data<twofactor.Challenge>;
export type TrustedDevice = Data<twofactor.Device>;
export type FlowSetting = Data<twofactor.FlowSetting>;
export type TwoFactorSettings = Data<desktop.TwoFactorSettings>;
export type MyTwoFactor = Data<desktop.MyTwoFactor>;
export type TOTPEnrolment = Data<desktop.TOTPEnrolment>;
export type LoginSecondFactorInfo = Data<desktop.LoginSecondFactorInfo>;
export type PhoneStepUpInfo = Data<desktop.PhoneStepUpInfo>;
export type SMSSettings = Data<desktop.SMSSettings>;
export type SMSSettingsInput = Data<desktop.SMSSettingsInput>;

export const securityBackend = {
  vaultInfo: (): Promise<VaultInfo> => call(() => App.VaultInfo()),
  vaultForms: (): Promise<VaultForm[]> => call(() => App.VaultForms()),
  vaultForm: (formId: string): Promise<VaultForm> => call(() => App.VaultForm(formId)),
  /** Creates (no id) or updates a form (admins). */
  vaultSaveForm: (form: VaultForm): Promise<VaultForm> => call(() => App.VaultSaveForm(form as vault.Form)),
  vaultDeleteForm: (formId: string): Promise<void> => call(() => App.VaultDeleteForm(formId)),
  vaultEntries: (formId: string, customerNumber: string, offset: number, limit: number): Promise<VaultEntryPage> =>
    call(() => App.VaultEntries(formId, customerNumber, offset, limit)),
  /** Creates (entryId '') or updates an entry; encrypted values need the unlock. */
  vaultSaveEntry: (formId: string, entryId: string, input: VaultEntryInput, unlock: VaultUnlock): Promise<VaultEntry> =>
    call(() => App.VaultSaveEntry(formId, entryId, input as vault.EntryInput, unlock as desktop.VaultUnlock)),
  vaultDeleteEntry: (entryId: string): Promise<void> => call(() => App.VaultDeleteEntry(entryId)),
  /** One entry (its form and plain values), for links from the event log. */
  vaultEntry: (entryId: string): Promise<VaultEntry> => call(() => App.VaultEntry(entryId)),
  /** An entry's decrypted values (field id -> value): keep them in memory only. */
  vaultDecrypt: (entryId: string, unlock: VaultUnlock): Promise<Record<string, string>> =>
    call(() => App.VaultDecrypt(entryId, unlock as desktop.VaultUnlock)),
  vaultGrant: (formId: string, members: VaultMember[], unlock: VaultUnlock): Promise<VaultForm> =>
    call(() => App.VaultGrant(formId, members as vault.Member[], unlock as desktop.VaultUnlock)),
  /** Resolves to the users who lost access (offer to rotate the key). */
  vaultRevoke: (formId: string, member: VaultMember): Promise<string[]> =>
    call(() => App.VaultRevoke(formId, member as vault.Member)),
  vaultRotateKey: (formId: string, unlock: VaultUnlock): Promise<void> =>
    call(() => App.VaultRotateKey(formId, unlock as desktop.VaultUnlock)),
  vaultStartChallenge: (): Promise<Challenge> => call(() => App.VaultStartChallenge()),
  vaultPeople: (): Promise<VaultPerson[]> => call(() => App.VaultPeople()),
  // The login from a new device (after backend.login failed with second_factor_required).
  loginSecondFactor: (): Promise<LoginSecondFactorInfo> => call(() => App.LoginSecondFactor()),
  startLoginChallenge: (): Promise<Challenge> => call(() => App.StartLoginChallenge()),
  verifyLoginCode: (challengeId: string, code: string): Promise<SessionInfo> =>
    call(() => App.VerifyLoginCode(challengeId, code)),
  verifyLoginTotp: (code: string): Promise<SessionInfo> => call(() => App.VerifyLoginTOTP(code)),
  cancelLoginChallenge: (): Promise<void> => call(() => App.CancelLoginChallenge()),
  // Settings > Two-factor authentication (admins) and the user's own devices and app.
  twoFactorSettings: (): Promise<TwoFactorSettings> => call(() => App.GetTwoFactorSettings()),
  setTwoFactorFlow: (flow: string, on: boolean): Promise<void> => call(() => App.SetTwoFactorFlow(flow, on)),
  setTrustedDevicePeriod: (days: number): Promise<void> => call(() => App.SetTrustedDevicePeriod(days)),
  myTwoFactor: (): Promise<MyTwoFactor> => call(() => App.GetMyTwoFactor()),
  removeTrustedDevice: (id: string): Promise<void> => call(() => App.RemoveTrustedDevice(id)),
  startTotpEnrolment: (): Promise<TOTPEnrolment> => call(() => App.StartTOTPEnrolment()),
  confirmTotpEnrolment: (code: string): Promise<void> => call(() => App.ConfirmTOTPEnrolment(code)),
  removeTotp: (): Promise<void> => call(() => App.RemoveTOTP()),
  // Changing phone numbers while two-factor is in use (the records' Save asks for it).
  phoneStepUp: (): Promise<PhoneStepUpInfo> => call(() => App.PhoneStepUp()),
  startPhoneChallenge: (): Promise<Challenge> => call(() => App.StartPhoneChallenge()),
  /** challengeId '' means code is from the authenticator app. */
  passPhoneChallenge: (challengeId: string, code: string): Promise<void> =>
    call(() => App.PassPhoneChallenge(challengeId, code)),
  // Settings > SMS (admins).
  smsSettings: (): Promise<SMSSettings> => call(() => App.GetSMSSettings()),
  saveSmsSettings: (input: SMSSettingsInput): Promise<void> =>
    call(() => App.SaveSMSSettings(input as desktop.SMSSettingsInput)),
  removeSmsSettings: (): Promise<void> => call(() => App.RemoveSMSSettings()),
  sendTestSms: (to: string): Promise<void> => call(() => App.SendTestSMS(to)),
};

interface ClipboardRuntime {
  ClipboardSetText(text: string): Promise<boolean>;
  ClipboardGetText(): Promise<string>;
}

function clipboardRuntime(): ClipboardRuntime | null {
  const runtime = window.runtime as Partial<ClipboardRuntime> | undefined;
  return runtime?.ClipboardSetText && runtime.ClipboardGetText ? (runtime as ClipboardRuntime) : null;
}

/** The system clipboard: the Wails runtime's in the app, the browser's elsewhere. */
export const clipboard = {
  setText: async (text: string): Promise<void> => {
    const runtime = clipboardRuntime();
    if (runtime) await runtime.ClipboardSetText(text);
    else await navigator.clipboard.writeText(text);
  },
  getText: async (): Promise<string> => {
    const runtime = clipboardRuntime();
    return runtime ? runtime.ClipboardGetText() : navigator.clipboard.readText();
  },
};

// The scheduler token (app_scheduler.go; admins): lets a scheduled job run
// `dataskydd --scheduler anonymise` without a password.
export type SchedulerTokenInfo = Data<desktop.SchedulerTokenInfo>;

export const schedulerBackend = {
  schedulerToken: (): Promise<SchedulerTokenInfo> => call(() => App.SchedulerToken()),
  /** Makes a new token (replacing any earlier one) and stores it in the OS keyring. */
  createSchedulerToken: (): Promise<SchedulerTokenInfo> => call(() => App.CreateSchedulerToken()),
  /** Scheduled runs stop working at once. */
  revokeSchedulerToken: (): Promise<void> => call(() => App.RevokeSchedulerToken()),
};

// Settings > Kundportal (admins) and the portal's erasure-request queue (admins, GDPR officers).
export type PortalSettings = Data<desktop.PortalSettings>;
export type PortalStatus = Data<desktop.PortalStatus>;
export type PortalInvitation = Data<portal.Invitation>;
export type ErasureRequest = Data<portal.ErasureRequest>;

export const portalBackend = {
  settings: (): Promise<PortalSettings> => call(() => App.GetPortalSettings()),
  saveSettings: (s: PortalSettings): Promise<void> => call(() => App.SavePortalSettings(s as desktop.PortalSettings)),
  status: (): Promise<PortalStatus> => call(() => App.GetPortalStatus()),
  start: (): Promise<PortalStatus> => call(() => App.StartPortal()),
  stop: (): Promise<void> => call(() => App.StopPortal()),
  invite: (kind: string, id: string): Promise<PortalInvitation> => call(() => App.InviteToPortal(kind, id)),
  erasureRequests: (): Promise<ErasureRequest[]> => call(() => App.ListErasureRequests()),
  closeErasureRequest: (id: string, status: 'done' | 'rejected'): Promise<void> =>
    call(() => App.CloseErasureRequest(id, status)),
};

// "Glömt lösenordet?" on the login screen (no session).
export const forgotPasswordBackend = {
  start: (username: string): Promise<Challenge> => call(() => App.ForgotPasswordStart(username)),
  finish: (username: string, challengeId: string, code: string, newPassword: string): Promise<void> =>
    call(() => App.ForgotPasswordFinish(username, challengeId, code, newPassword)),
};
