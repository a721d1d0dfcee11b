import { describe, expect, it } from 'vitest';
import { BackendError, ErrorCode, toBackendError } from '../backend';

describe('toBackendError', () => {
  it('keeps the code an AppError carries across the bridge', () => {
    const err = toBackendError({ code: 'no_store', message: 'no store in the data folder' });
    expect(err).toBeInstanceOf(BackendError);
    expect(err.code).toBe(ErrorCode.NoStore);
    expect(err.message).toBe('no store in the data folder');
  });

  it('reads the AppError JSON the Wails runtime wraps in an Error', () => {
    const err = toBackendError(new Error('{"code":"file_not_found","message":"reading /x: no such file"}'));
    expect(err.code).toBe(ErrorCode.FileNotFound);
    expect(err.message).toBe('reading /x: no such file');
  });

  it('treats an unknown code as internal rather than trusting it', () => {
    expect(toBackendError({ code: 'made_up', message: 'x' }).code).toBe(ErrorCode.Internal);
  });

  it('treats plain strings and Errors (older runtimes, timeouts) as internal', () => {
    expect(toBackendError('boom').code).toBe(ErrorCode.Internal);
    const timeout = toBackendError(new Error('Call to App.Status timed out'));
    expect(timeout.code).toBe(ErrorCode.Internal);
    expect(timeout.message).toContain('timed out');
  });
});
