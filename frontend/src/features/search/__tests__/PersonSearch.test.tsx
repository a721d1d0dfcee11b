import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { searchApi, type ErasurePlan, type SearchResult } from '../api/searchApi';
import { renderWithApp } from '@/testing/render';
import { PersonSearch } from '../components/PersonSearch';

vi.mock('../api/searchApi', async (importOriginal) => {
  const real = await importOriginal<typeof import('../api/searchApi')>();
  return {
    ...real,
    searchApi: {
      searchPersons: vi.fn(),
      chooseReportFile: vi.fn(),
      writeAccessReport: vi.fn(),
      previewErasure: vi.fn(),
      eraseEverywhere: vi.fn(),
      checkIndex: vi.fn(),
      rebuildIndex: vi.fn(),
    },
  };
});

const searchPersons = vi.mocked(searchApi.searchPersons);
const chooseReport = vi.mocked(searchApi.chooseReportFile);
const writeReport = vi.mocked(searchApi.writeAccessReport);
const previewErasure = vi.mocked(searchApi.previewErasure);
const erase = vi.mocked(searchApi.eraseEverywhere);
const checkIndex = vi.mocked(searchApi.checkIndex);
const rebuildIndex = vi.mocked(searchApi.rebuildIndex);

function result(query: string, areas: string[] = []): SearchResult {
  const work = {
    area: 'Workcloud',
    location: 'Kundregister',
    count: 2,
    hits: [
      { type: 'customer', typeLabelSv: 'Kundregister', typeLabelEn: 'Customer register', recordSv: 'Kund', recordEn: 'Customer', id: 'C1', field: 'name', fieldLabelSv: 'Namn', fieldLabelEn: 'Name',
        snippet: [{ text: 'Åsa', mark: true }, { text: ' ', mark: false }, { text: 'Lindström', mark: true }], match: 'exact', value: 'x', corrected: [], own: false, linkTo: '', withheld: false },
      { type: 'customer', typeLabelSv: 'Kundregister', typeLabelEn: 'Customer register', recordSv: 'Kund', recordEn: 'Customer', id: 'C1', field: 'mobile_phone', fieldLabelSv: 'Mobiltelefon', fieldLabelEn: 'Mobile phone',
        snippet: [{ text: '+46 70 111 22 33', mark: true }], match: 'exact', value: 'x', corrected: [], own: false, linkTo: '', withheld: false },
    ],
  };
  const time = {
    area: 'Time',
    location: 'Tidrapporter',
    count: 1,
    hits: [{ type: 'time_report', typeLabelSv: 'Tidrapporter', typeLabelEn: 'Time reports', recordSv: 'Tidrapport', recordEn: 'Time report', id: 'T1', field: 'comment', fieldLabelSv: 'Kommentar', fieldLabelEn: 'Comment',
      snippet: [{ text: 'Hos ', mark: false }, { text: 'Åsa', mark: true }], match: 'exact', value: 'x', corrected: [], own: false, linkTo: '', withheld: false }],
  };
  const groups = areas.length === 0 ? [work, time] : [work, time].filter((g) => areas.includes(g.area));
  const total = groups.reduce((n, g) => n + g.count, 0);
  return { query, kind: 'name', total, shown: total, tookMs: 1.2, areas: [{ area: 'Workcloud', count: 2 }, { area: 'Time', count: 1 }], people: [], groups };
}

const plan: ErasurePlan = {
  query: 'asa lindstrom',
  kind: 'name',
  word: 'Anonymised',
  values: [
    { value: 'Åsa Lindström', match: 'exact', hits: 2, selected: true },
    { value: 'Åsa Lindqvist', match: 'typo', hits: 1, selected: false },
  ],
  changes: [
    { type: 'customer', typeLabelSv: 'Kund', typeLabelEn: 'Customer', id: 'C1', field: 'name', action: 'anonymise_record', before: 'Åsa Lindström', after: 'Anonymised' },
    { type: 'time_report', typeLabelSv: 'Tidrapport', typeLabelEn: 'Time report', id: 'T1', field: 'comment', action: 'replace_mention', before: 'Hos Åsa Lindström', after: 'Hos Anonymised' },
  ],
  records: 2,
  people: 1,
  blocked: false,
  remaining: 0,
};

beforeEach(() => {
  for (const m of [searchPersons, chooseReport, writeReport, previewErasure, erase, checkIndex, rebuildIndex]) m.mockReset();
  searchPersons.mockImplementation(async (req) => result(req.query, req.areas));
});

/** Types the query (type: key by key, as a user does; else pasted at once, which is faster). */
async function typeQuery(text: string, { keyByKey = false } = {}) {
  const input = screen.getByRole('textbox', { name: 'Search for a person' });
  await userEvent.click(input);
  if (keyByKey) await userEvent.type(input, text);
  else await userEvent.paste(text);
  return input;
}

// Generous timeouts: the machine running the suite is shared.
describe('PersonSearch', { timeout: 20000 }, () => {
  it('searches as the user types, once the typing pauses, and groups the hits', async () => {
    renderWithApp(<PersonSearch />);
    await typeQuery('asa lindstrom', { keyByKey: true });
    const groups = await screen.findAllByTestId('hit-group');
    // Debounced: one search for the whole query, not one per key.
    expect(searchPersons).toHaveBeenCalledTimes(1);
    expect(searchPersons).toHaveBeenCalledWith({ query: 'asa lindstrom', areas: [] });

    expect(screen.getByTestId('query-kind')).toHaveTextContent('Name');
    expect(screen.getByTestId('hit-total')).toHaveTextContent('3 hits');
    expect(groups).toHaveLength(2);
    expect(within(groups[0]!).getByText('Customer register')).toBeInTheDocument(); // the type's menu name, not the location
    expect(within(groups[0]!).getByTestId('group-count')).toHaveTextContent('2');
    expect(within(groups[1]!).getByText('Time reports')).toBeInTheDocument();

    const link = within(groups[0]!).getAllByRole('link', { name: 'Open Customer C1' })[0]!;
    expect(link).toHaveAttribute('href', '#/records/customer/C1');
    expect(within(groups[0]!).getByText('Mobile phone')).toBeInTheDocument();
    const marks = groups[0]!.querySelectorAll('mark');
    expect([...marks].map((m) => m.textContent)).toEqual(['Åsa', 'Lindström', '+46 70 111 22 33']);
  });

  it('shows where a secure-data entry matched but not its value when the form does not list the searcher', async () => {
    searchPersons.mockImplementation(async (req) => ({
      query: req.query, kind: 'name', total: 1, shown: 1, tookMs: 0.4, areas: [{ area: 'GDPR', count: 1 }], people: [],
      groups: [{ area: 'GDPR', location: 'Säkra uppgifter', count: 1, hits: [
        { type: 'vault_entry', typeLabelSv: 'Säkra uppgifter', typeLabelEn: 'Secure data', recordSv: 'Säker uppgift', recordEn: 'Secure-data entry', id: 'E1', field: 'Kontakt', fieldLabelSv: 'Kontakt', fieldLabelEn: 'Kontakt',
          snippet: [], match: 'exact', value: '', corrected: [], own: false, linkTo: '', withheld: true }] }],
    }));
    renderWithApp(<PersonSearch />);
    await typeQuery('asa lindstrom');
    const group = (await screen.findAllByTestId('hit-group'))[0]!;
    expect(within(group).getByText('Secure data')).toBeInTheDocument();
    expect(within(group).getByTestId('snippet-withheld')).toHaveTextContent('The value is shown only to those the form lets read it.');
    expect(within(group).queryByTestId('snippet')).toBeNull();
  });

  it('searches at once on Enter and filters by area', async () => {
    renderWithApp(<PersonSearch />, { language: 'sv' });
    const input = screen.getByRole('textbox', { name: 'Sök person' });
    await userEvent.type(input, 'åsa{Enter}');
    expect(await screen.findByTestId('hit-total')).toHaveTextContent('3 träffar');

    await userEvent.click(screen.getByRole('checkbox', { name: 'Tid (1)' })); // the area in the menu's words
    await vi.waitFor(() => expect(searchPersons).toHaveBeenLastCalledWith({ query: 'åsa', areas: ['Time'] }));
    await vi.waitFor(() => expect(screen.getAllByTestId('hit-group')).toHaveLength(1));
  });

  it('exports the access report to the chosen file', async () => {
    chooseReport.mockResolvedValue('/home/anna/registerutdrag.html');
    writeReport.mockResolvedValue({ html: '/home/anna/registerutdrag.html', json: '/home/anna/registerutdrag.json', places: 3, records: 2 });
    renderWithApp(<PersonSearch />);
    await typeQuery('asa lindstrom');
    await screen.findAllByTestId('hit-group');

    await userEvent.click(screen.getByRole('button', { name: 'Export access report…' }));
    expect(await screen.findByText('3 fields in 2 records were saved in registerutdrag.html and registerutdrag.json.')).toBeInTheDocument();
    expect(writeReport).toHaveBeenCalledWith('asa lindstrom', [], '/home/anna/registerutdrag.html');
  });

  it('previews "anonymise everywhere" with the exact values selected, then anonymises the chosen ones', async () => {
    previewErasure.mockResolvedValue(plan);
    erase.mockResolvedValue({ ...plan, remaining: 0 });
    renderWithApp(<PersonSearch />);
    await typeQuery('asa lindstrom');
    await screen.findAllByTestId('hit-group');

    await userEvent.click(screen.getByRole('button', { name: 'Anonymise everywhere…' }));
    expect(previewErasure).toHaveBeenCalledWith('asa lindstrom', []);
    const table = await screen.findByTestId('erasure-plan');
    expect(within(table).getByText('Customer C1')).toBeInTheDocument(); // one record: the singular
    expect(within(table).getByText('Anonymised by its rule')).toBeInTheDocument();
    expect(within(table).getByText('Mention replaced')).toBeInTheDocument();
    expect(within(table).getByText('Hos Åsa Lindström')).toBeInTheDocument();
    expect(within(table).getByText('Hos Anonymised')).toBeInTheDocument();
    expect(screen.getByTestId('erasure-summary')).toHaveTextContent('Changes 2 records about 1 person.');
    // The typo match is offered unselected; the exact one selected.
    expect(screen.getByRole('checkbox', { name: 'Åsa Lindström' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Åsa Lindqvist' })).not.toBeChecked();
    expect(erase).not.toHaveBeenCalled();

    // Choosing the typo value too computes the plan again for both.
    previewErasure.mockResolvedValue({ ...plan, values: plan.values.map((v) => ({ ...v, selected: true })) });
    await userEvent.click(screen.getByRole('checkbox', { name: 'Åsa Lindqvist' }));
    expect(previewErasure).toHaveBeenLastCalledWith('asa lindstrom', ['Åsa Lindström', 'Åsa Lindqvist']);
    await vi.waitFor(() => expect(screen.getByRole('checkbox', { name: 'Åsa Lindqvist' })).toBeChecked());

    // The access report of the same chosen values.
    chooseReport.mockResolvedValue('/home/anna/utdrag.html');
    writeReport.mockResolvedValue({ html: '/home/anna/utdrag.html', json: '/home/anna/utdrag.json', places: 3, records: 2 });
    await userEvent.click(screen.getByRole('button', { name: 'Access report of the chosen…' }));
    await vi.waitFor(() => expect(writeReport).toHaveBeenCalledWith('asa lindstrom', ['Åsa Lindström', 'Åsa Lindqvist'], '/home/anna/utdrag.html'));

    searchPersons.mockResolvedValue({ ...result('asa lindstrom'), total: 0, shown: 0, groups: [], areas: [] });
    await userEvent.click(screen.getByRole('button', { name: 'Anonymise 2 records' }));
    expect(erase).toHaveBeenCalledWith('asa lindstrom', ['Åsa Lindström', 'Åsa Lindqvist']);
    expect(await screen.findByText(/2 records changed \(1 people anonymised\)/)).toBeInTheDocument();
    expect(await screen.findByTestId('no-hits')).toBeInTheDocument();
  });

  it('will not anonymise the logged-in user', async () => {
    previewErasure.mockResolvedValue({ ...plan, blocked: true, records: 1 });
    renderWithApp(<PersonSearch />);
    await typeQuery('asa lindstrom');
    await screen.findAllByTestId('hit-group');
    await userEvent.click(screen.getByRole('button', { name: 'Anonymise everywhere…' }));
    expect(await screen.findByText(/finds your own account/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Anonymise 1 record' })).toBeDisabled();
  });

  it('checks the index and rebuilds it with progress', async () => {
    const handlers = new Map<string, (data: unknown) => void>();
    window.runtime = {
      EventsOnMultiple: (name: string, cb: (...data: unknown[]) => void) => {
        handlers.set(name, (d) => cb(d));
        return () => handlers.delete(name);
      },
    };
    checkIndex.mockResolvedValue({ ok: false, count: 1, problems: ['customer/C9: in the database, not in the index'] });
    let finish: (v: Awaited<ReturnType<typeof searchApi.rebuildIndex>>) => void = () => undefined;
    rebuildIndex.mockImplementation(() => new Promise((resolve) => (finish = resolve)));
    renderWithApp(<PersonSearch />);

    await userEvent.click(screen.getByRole('button', { name: 'Check' }));
    expect(await screen.findByText('1 difference between index and database:')).toBeInTheDocument();
    expect(screen.getByText('customer/C9: in the database, not in the index')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Rebuild' }));
    handlers.get('index:progress')?.({ done: 250, total: 1000, finished: false });
    expect(await screen.findByText('Rebuilding: 250 of 1,000 records')).toBeInTheDocument();
    finish({ ok: true, count: 0, problems: [] });
    expect(await screen.findByText('The index matches the database.')).toBeInTheDocument();
    expect(screen.getByText('The index has been rebuilt.')).toBeInTheDocument();
    delete window.runtime;
  });
});
