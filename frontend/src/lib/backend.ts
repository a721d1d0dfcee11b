// The one typed wrapper over the Wails-generated bindings (wailsjs/go). Features
// import the backend from here only, so unit tests mock this module and the
// end-to-end run drives the real one.
import * as App from '../../wailsjs/go/main/App';
import { main } from '../../wailsjs/go/models';

/**
 * The data of a generated model class. The bridge hands over plain JSON objects,
 * not instances, so the classes' helper methods are not there at run time.
 */
export type Data<T> = T extends readonly (infer E)[]
  ? Data<E>[]
  : T extends object
    ? { [K in keyof T as T[K] extends (...args: never[]) => unknown ? never : K]: Data<T[K]> }
    : T;

export type StatusInfo = Data<main.StatusInfo>;
export type TypeCount = Data<main.TypeCount>;
export type ImportResult = Data<main.ImportResult>;
export type ImportProblem = Data<main.ImportProblem>;
export type ExportResult = Data<main.ExportResult>;
export const ErrorCode = main.ErrorCode;
export type ErrorCode = main.ErrorCode;
export const EventName = main.EventName;
export type EventName = main.EventName;

/** A failed backend call: the stable code is what the UI translates. */
export class BackendError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'BackendError';
    this.code = code;
  }
}

const knownCodes = new Set<string>(Object.values(main.ErrorCode));

function fromAppError(value: unknown): BackendError | null {
  if (!value || typeof value !== 'object' || !('code' in value)) return null;
  const { code, message } = value as { code: unknown; message?: unknown };
  const text = typeof message === 'string' ? message : '';
  if (typeof code === 'string' && knownCodes.has(code)) return new BackendError(code as ErrorCode, text);
  return new BackendError(main.ErrorCode.Internal, text);
}

/**
 * Turns whatever a rejected binding promise carries into a BackendError. The Go side
 * (formatError in app_errors.go) sends an AppError as JSON; the Wails runtime wraps it
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
  return new BackendError(main.ErrorCode.Internal, text);
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

/** Payload type of each runtime event. */
export interface EventPayloads {
  [main.EventName.ImportProgress]: Progress;
  [main.EventName.ExportProgress]: Progress;
  [main.EventName.StoreChanged]: undefined;
}

/** Subscribes to a backend event; returns the function that unsubscribes. */
export function onEvent<E extends EventName>(name: E, callback: (data: EventPayloads[E]) => void): Unsubscribe {
  const runtime = window.runtime;
  if (!runtime) return () => undefined; // no Wails runtime (unit tests, plain browser)
  return runtime.EventsOnMultiple(name, (data) => callback(data as EventPayloads[E]), -1);
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
};
