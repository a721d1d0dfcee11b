// The shared core of the backend calls: the data type of a generated model, the error every
// call rejects with, the call wrapper and the runtime events. Each feature's api module
// (src/features/<feature>/api) owns its calls and types and makes them through `call`; those
// modules, src/lib/schemasApi.ts and this file are the only ones that import the generated
// Wails bindings (wailsjs/go), so unit tests mock a feature's api module and the end-to-end
// run drives the real one.
import { desktop, twofactor } from '../../wailsjs/go/models';

/**
 * The data of a generated model class. The bridge hands over plain JSON objects,
 * not instances, so the classes' helper methods are not there at run time.
 */
export type Data<T> = T extends readonly (infer E)[]
  ? Data<E>[]
  : T extends object
    ? { [K in keyof T as T[K] extends (...args: never[]) => unknown ? never : K]: Data<T[K]> }
    : T;

// Shared by more than one feature: the session (the app, auth, the login's second factor)
// and an SMS challenge (the login, a phone-number change, the secure data, a forgotten password).
export type SessionInfo = Data<desktop.SessionInfo>;
export type Challenge = Data<twofactor.Challenge>;
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

/** Runs one bound call; a rejection becomes a BackendError. */
export async function call<T>(run: () => Promise<T>): Promise<T> {
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

/**
 * Payload type of the runtime events the UI reads; others carry unknown data. A feature's api
 * module adds its own events by declaration merging (declare module '@/lib/backend').
 */
export interface KnownPayloads {
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
