import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as LogsService from '../../../../wailsjs/go/desktop/LogsService';
import * as RecordsService from '../../../../wailsjs/go/desktop/RecordsService';
import type { records } from '../../../../wailsjs/go/models';
import { BackendError, ErrorCode } from '@/lib/backend';
import { logsApi, type LogQuery } from '../api/logsApi';

vi.mock('../../../../wailsjs/go/desktop/RecordsService', () => ({
  ListRecords: vi.fn(),
  LookupRecords: vi.fn(),
}));
vi.mock('../../../../wailsjs/go/desktop/LogsService', () => ({
  ChooseCSVFile: vi.fn(),
  ExportRecordsCSV: vi.fn(),
}));

const app = { ...vi.mocked(RecordsService), ...vi.mocked(LogsService) };
const appError = (code: string, message = '') => new Error(JSON.stringify({ code, message }));
const query: LogQuery = { type: 'event', offset: 50, limit: 50, sort: 'created_at', desc: true, status: '', text: '', match: { username: 'anna' }, since: '2022-07-01T00:00:00Z', until: '' };

beforeEach(() => vi.clearAllMocks());

describe('logsApi', () => {
  it('reads one page of a log with the query as given', async () => {
    const page = { total: 1, items: [{ type: 'event', id: 'EV1', values: { action: 'login' }, names: {}, customers: {} }], names: {}, customers: {} };
    app.ListRecords.mockResolvedValue(page as unknown as records.Page);
    await expect(logsApi.list(query)).resolves.toEqual(page);
    expect(app.ListRecords).toHaveBeenCalledWith(query);
  });

  it('looks up the names of linked records', async () => {
    app.LookupRecords.mockResolvedValue([{ value: 'WO1', id: 'WO1', name: 'Byte av blandare' }] as unknown as records.Option[]);
    await expect(logsApi.lookup('work_order', 'WO1', 5)).resolves.toEqual([{ value: 'WO1', id: 'WO1', name: 'Byte av blandare' }]);
    expect(app.LookupRecords).toHaveBeenCalledWith('work_order', 'WO1', 5);
  });

  it('exports only after a file was chosen, to that file', async () => {
    app.ChooseCSVFile.mockResolvedValue('');
    await expect(logsApi.chooseCsvFile('handelser')).resolves.toBe('');
    expect(app.ChooseCSVFile).toHaveBeenCalledWith('handelser');
    expect(app.ExportRecordsCSV).not.toHaveBeenCalled();

    app.ExportRecordsCSV.mockResolvedValue(1234);
    const all = { ...query, offset: 0, limit: 0 };
    await expect(logsApi.exportCsv(all, '/tmp/handelser-2026-12-06.csv')).resolves.toBe(1234);
    expect(app.ExportRecordsCSV).toHaveBeenCalledWith(all, '/tmp/handelser-2026-12-06.csv');
    expect(app.ListRecords).not.toHaveBeenCalled();
  });

  it('rejects with the code the backend sent', async () => {
    app.ListRecords.mockRejectedValue(appError('forbidden', 'the event log is for administrators'));
    const err = await logsApi.list(query).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BackendError);
    expect((err as BackendError).code).toBe(ErrorCode.Forbidden);
    app.ExportRecordsCSV.mockRejectedValue(new Error('disk full'));
    await expect(logsApi.exportCsv(query, '/x.csv')).rejects.toMatchObject({ code: ErrorCode.Internal, message: 'disk full' });
  });
});
