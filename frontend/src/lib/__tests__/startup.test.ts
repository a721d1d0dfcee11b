import { afterEach, describe, expect, it, vi } from 'vitest';

describe('reportPainted', () => {
  afterEach(() => {
    delete (globalThis as { runtime?: unknown }).runtime;
    vi.useRealTimers();
    vi.resetModules();
  });

  it('prints the paint marker once per page load, after the next frame', async () => {
    vi.useFakeTimers();
    const LogPrint = vi.fn();
    (globalThis as { runtime?: unknown }).runtime = { LogPrint };
    const { reportPainted, paintedMarker } = await import('../startup');
    reportPainted('login');
    reportPainted('login again');
    expect(LogPrint).not.toHaveBeenCalled();
    await vi.runAllTimersAsync();
    expect(LogPrint).toHaveBeenCalledTimes(1);
    expect(LogPrint.mock.calls[0]?.[0]).toMatch(new RegExp(`^${paintedMarker} \\d{13} login \\d+$`));
  });

  it('does nothing outside the app (no Wails runtime)', async () => {
    vi.useFakeTimers();
    const { reportPainted } = await import('../startup');
    expect(() => reportPainted('login')).not.toThrow();
    await vi.runAllTimersAsync();
  });
});
