import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clipboard } from '../api/systemClipboard';
import { copyWithAutoClear } from '../api/clipboard';

vi.mock('../api/systemClipboard', () => ({ clipboard: { setText: vi.fn(), getText: vi.fn() } }));

const setText = vi.mocked(clipboard.setText);
const getText = vi.mocked(clipboard.getText);

beforeEach(() => {
  vi.useFakeTimers();
  setText.mockReset().mockResolvedValue(undefined);
  getText.mockReset();
});
afterEach(() => vi.useRealTimers());

describe('copyWithAutoClear', () => {
  it('clears the clipboard after the given seconds when it still holds the secret', async () => {
    await copyWithAutoClear('4711#', 30);
    expect(setText).toHaveBeenLastCalledWith('4711#');
    getText.mockResolvedValue('4711#');
    await vi.advanceTimersByTimeAsync(29_000);
    expect(setText).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(setText).toHaveBeenLastCalledWith('');
  });

  it('leaves what the user copied since alone', async () => {
    await copyWithAutoClear('4711#', 30);
    getText.mockResolvedValue('something else');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(setText).toHaveBeenCalledTimes(1);
  });

  it('restarts the timer for a second copy and clears only once', async () => {
    await copyWithAutoClear('first', 30);
    await vi.advanceTimersByTimeAsync(20_000);
    await copyWithAutoClear('second', 30);
    getText.mockResolvedValue('second');
    await vi.advanceTimersByTimeAsync(20_000);
    expect(setText).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(setText).toHaveBeenLastCalledWith('');
    expect(setText).toHaveBeenCalledTimes(3);
  });
});
