import { MultiSelect, Select, type ComboboxItem, type OptionsFilter } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { createContext, useContext, useState, type FocusEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { linkName, useLookup, withValue, type LinkNames } from '../api/links';

/** The names of the record's current links, for the pickers of the form that edits it. */
export const FormLinksContext = createContext<LinkNames>({});

type PickerProps = {
  target: string;
  label?: string;
  'aria-label': string;
  error?: string;
  name: string;
};

/** The lookup filters in the backend (by id, number and name); the dropdown shows what it found. */
const noClientFilter: OptionsFilter = ({ options }) => options;

/**
 * Enter in a picker with typed text and no highlighted option takes the text (as leaving the
 * field does) instead of submitting the form with the value from before; a second Enter
 * submits. A highlighted option is Mantine's to pick.
 */
function enterTakesTyped(e: KeyboardEvent<HTMLInputElement>, take: (text: string) => boolean): boolean {
  if (e.key !== 'Enter' || e.nativeEvent.isComposing) return false;
  const list = document.getElementById(e.currentTarget.getAttribute('aria-controls') ?? '');
  if (list?.querySelector('[data-combobox-selected]')) return false;
  if (!take(e.currentTarget.value)) return false;
  e.preventDefault();
  return true;
}

/**
 * The options a picker offers: its current values first (named where the backend named them),
 * then what the lookup found. The labels of picked records are remembered, so a picked record
 * keeps its name after the search changes.
 */
function usePickerOptions(target: string, current: string[]) {
  const links = useContext(FormLinksContext);
  const [opened, setOpened] = useState(false);
  const [search, setSearch] = useState('');
  const [picked, setPicked] = useState<Record<string, string>>({});
  const [typedText] = useDebouncedValue(search.trim(), 250);
  const named = (v: string) => picked[v] ?? withValue(linkName(links, target, v), v);
  // The search box shows the picked record's label when the user is not typing: look up "" then.
  const text = current.some((v) => named(v) === typedText) ? '' : typedText;
  const found = useLookup(target, text, opened);
  const labelOf = (v: string) => {
    const o = picked[v] === undefined ? found.data?.find((x) => x.value === v) : undefined;
    return o ? withValue(o.name, o.value) : named(v);
  };
  /** Remembers the labels of values about to be picked. */
  const remember = (values: string[]) => {
    const add: Record<string, string> = {};
    for (const v of values) if (picked[v] === undefined) add[v] = labelOf(v);
    if (Object.keys(add).length > 0) setPicked((p) => ({ ...p, ...add }));
  };
  const data: ComboboxItem[] = [];
  const have = new Set<string>();
  for (const v of [...current, ...(found.data ?? []).map((o) => o.value)]) {
    if (v === '' || have.has(v)) continue;
    have.add(v);
    data.push({ value: v, label: labelOf(v) });
  }
  /** What a typed text that was not picked means: the option it names exactly, else itself (an id typed the old way). */
  const resolve = (text: string) => {
    const t = text.trim();
    if (t === '') return '';
    const lower = t.toLowerCase();
    return data.find((o) => o.value.toLowerCase() === lower || o.label.toLowerCase() === lower)?.value ?? t;
  };
  return { data, labelOf, resolve, remember, loading: found.isFetching, search, setOpened, setSearch };
}

/**
 * A searchable picker for a link or a customer number. It offers the target's records by
 * name (looked up as the user types) and submits the id or number, as the text input before
 * it did. What is typed and not picked is kept as typed when the field is left, so an id or
 * number typed the old way still saves, or gets the backend's "does not exist" on its field.
 */
export function LinkSelect({ target, value, onChange, ...common }: PickerProps & { value: string; onChange: (v: string) => void }) {
  const { t } = useTranslation();
  const current = value === '' ? [] : [value];
  const p = usePickerOptions(target, current);
  /** Takes typed text that was not picked; reports whether the value changed. */
  const take = (text: string) => {
    if (value !== '' && text === p.labelOf(value)) return false;
    const next = p.resolve(text);
    if (next === value) return false;
    p.remember([next]);
    onChange(next);
    return true;
  };
  return (
    <Select
      {...common}
      data-testid={`link-${common.name}`}
      data={p.data}
      value={value === '' ? null : value}
      onChange={(v) => {
        if (v) p.remember([v]);
        onChange(v ?? '');
      }}
      onSearchChange={p.setSearch}
      onDropdownOpen={() => p.setOpened(true)}
      onDropdownClose={() => p.setOpened(false)}
      onBlur={(e: FocusEvent<HTMLInputElement>) => void take(e.currentTarget.value)}
      onKeyDown={(e: KeyboardEvent<HTMLInputElement>) => void enterTakesTyped(e, take)}
      filter={noClientFilter}
      searchable
      clearable
      placeholder={t('records.form.pickPlaceholder')}
      nothingFoundMessage={p.loading ? t('records.list.loading') : t('records.form.nothingFound')}
    />
  );
}

/** The picker of a link list (a group's members): several records by name, submitted as ids. */
export function LinkMultiSelect({ target, value, onChange, ...common }: PickerProps & { value: string[]; onChange: (v: string[]) => void }) {
  const { t } = useTranslation();
  const p = usePickerOptions(target, value);
  /** Adds typed text that was not picked; reports whether the value changed. */
  const take = (text: string) => {
    const next = p.resolve(text);
    if (next === '' || value.includes(next)) return false;
    p.remember([next]);
    onChange([...value, next]);
    return true;
  };
  return (
    <MultiSelect
      {...common}
      data-testid={`link-${common.name}`}
      data={p.data}
      value={value}
      onChange={(v) => {
        p.remember(v);
        onChange(v);
      }}
      onSearchChange={p.setSearch}
      onDropdownOpen={() => p.setOpened(true)}
      onDropdownClose={() => p.setOpened(false)}
      onBlur={(e: FocusEvent<HTMLInputElement>) => void take(e.currentTarget.value)}
      searchValue={p.search}
      onKeyDown={(e: KeyboardEvent<HTMLInputElement>) => {
        if (enterTakesTyped(e, take)) p.setSearch('');
      }}
      filter={noClientFilter}
      searchable
      clearable
      hidePickedOptions
      placeholder={value.length === 0 ? t('records.form.pickPlaceholder') : undefined}
      nothingFoundMessage={p.loading ? t('records.list.loading') : t('records.form.nothingFound')}
    />
  );
}
