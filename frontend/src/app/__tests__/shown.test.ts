// Every value the backend can write and a screen can show has words in both languages: the
// types (singular labels in the registry), the areas, every enum value of the data map, every
// event action, event target and system-log code and kind. The values are read from the Go
// code itself, so adding one there without words here fails this test.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createI18n } from '@/lib/i18n';
import { actionKey, eventActions } from '@/lib/labels';
import { translations } from '../locales';

// Vitest runs in frontend/; the Go code is one level up.
const root = join(process.cwd(), '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

function goFiles(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) return name === 'testdata' || name === 'node_modules' ? [] : goFiles(path);
    return name.endsWith('.go') && !name.endsWith('_test.go') ? [path] : [];
  });
}

const goSources = [...readdirSync(root).filter((n) => n.endsWith('.go') && !n.endsWith('_test.go')), ...goFiles('backend')].map((path) => ({ path, text: read(path) }));
const all = (re: RegExp) => goSources.flatMap(({ path, text }) => [...text.matchAll(re)].map((m) => ({ value: m[1]!, path })));
const strings = (list: string) => [...list.matchAll(/"([^"]*)"/g)].map((m) => m[1]!);

const typesGo = read('backend/registry/types.go');
const registryGo = read('backend/registry/registry.go');
const singularGo = read('backend/registry/type_labels.go');

const typeNames = [...typesGo.matchAll(/newType\(Type\{Name: "([a-z_]+)"/g)].map((m) => m[1]!);
const constants = new Map([...registryGo.matchAll(/(Field\w+|Status\w+)\s*=\s*"([^"]+)"/g)].map((m) => [m[1]!, m[2]!]));
const statusOpenClosed = strings(typesGo.match(/statusOpenClosed = \[\]string\{([^}]*)\}/)?.[1]?.replace(/(\w+)/g, (w) => `"${constants.get(w) ?? w}"`) ?? '');

/** Every enum(field, values...) of the data map, as field -> values. */
function enumValues(): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const add = (field: string, values: string[]) => out.set(field, new Set([...(out.get(field) ?? []), ...values]));
  for (const m of typesGo.matchAll(/enum\(([^()]*)\)/g)) {
    const args = m[1]!.split(',').map((a) => a.trim());
    if (args[0] === 'name string') continue; // the helper's own definition
    const field = args[0]!.startsWith('"') ? args[0]!.slice(1, -1) : constants.get(args[0]!)!;
    const values = args.slice(1).flatMap((a) => (a === 'statusOpenClosed...' ? statusOpenClosed : a.startsWith('"') ? [a.slice(1, -1)] : [constants.get(a)!]));
    add(field, values);
  }
  return out;
}

/** The codes of auth.Errors by variable name (ErrThrottled -> throttled). */
const authErrors = new Map(all(/(Err\w+)\s*=\s*&Error\{"([a-z_]+)"/g).map(({ value }) => [value, '']));
for (const { text } of goSources) for (const m of text.matchAll(/(Err\w+)\s*=\s*&Error\{"([a-z_]+)"/g)) authErrors.set(m[1]!, m[2]!);

const languages = ['sv', 'en'] as const;
const i18ns = languages.map((lang) => ({ lang, i18n: createI18n(translations, lang) }));
function missing(keys: string[]): string[] {
  return i18ns.flatMap(({ lang, i18n }) => keys.filter((k) => !i18n.exists(k)).map((k) => `${lang}: ${k}`));
}

describe('words for every value a screen can show', () => {
  it('reads the data map (the test itself works)', () => {
    expect(typeNames.length).toBe(25);
    expect(enumValues().get('status')).toEqual(new Set(['open', 'closed', 'deleted', 'invoiced']));
    expect(enumValues().get('kind')).toContain('company');
  });

  it('every type has a singular label in both languages in the registry', () => {
    const without = typeNames.filter((name) => !new RegExp(`"${name}":\\s*\\{"[^"]+", "[^"]+"\\}`).test(singularGo));
    expect(without).toEqual([]);
  });

  it('every area has words in both languages', () => {
    const areas = new Set([...strings(registryGo.match(/var Areas = \[\]string\{([^}]*)\}/)?.[1] ?? ''), ...[...typesGo.matchAll(/Area: "(\w+)"/g)].map((m) => m[1]!)]);
    expect(areas.size).toBe(4);
    expect(missing([...areas].map((a) => `areas.${a}`))).toEqual([]);
  });

  it('every enum value of the data map has words in both languages', () => {
    const keys = [...enumValues()].flatMap(([field, values]) => [...values].map((v) => `labels.values.${field}.${v}`));
    expect(keys.length).toBeGreaterThan(10);
    expect(missing(keys)).toEqual([]);
  });

  it('every event action the Go code writes is offered and has words in both languages', () => {
    const written = [
      ...all(/Action:\s*"([^"]+)"/g),
      ...all(/\baction\s*:?=\s*"([^"]+)"/g),
      ...all(/\b\w*Action\w*\s*=\s*"([^"]+)"/g),
      ...all(/eventActions\s*=\s*\[\]string\{([^}]*)\}/g).flatMap(({ value, path }) => strings(value).map((v) => ({ value: v, path }))),
    ];
    const values = new Set(written.map((w) => w.value));
    for (const known of ['create', 'update', 'delete', 'vault.decrypt', 'access_report', 'anonymise_everywhere', 'logout']) expect(values).toContain(known);
    const notOffered = written.filter((w) => !(eventActions as readonly string[]).includes(w.value)).map((w) => `${w.value} (${w.path})`);
    expect(notOffered).toEqual([]);
    expect(missing(eventActions.map((a) => `labels.actions.${actionKey(a)}`))).toEqual([]);
  });

  it('every event target that is not a record type has words in both languages', () => {
    const targets = all(/\bTarget\w+\s*=\s*"([a-z_]+)"/g).map((t) => t.value);
    expect(targets).toContain('vault_entry');
    expect(missing(targets.filter((t) => !typeNames.includes(t)).map((t) => `labels.targets.${t}`))).toEqual([]);
  });

  it('every system-log code and kind the Go code writes has words in both languages, whatever its casing', () => {
    const codes = new Set<string>();
    for (const { value } of all(/logLogin\(ctx, [^,]+, ([^)]+)\)/g)) {
      const m = /^"([^"]+)"$/.exec(value) ?? /^(Err\w+)\.Code$/.exec(value);
      expect(m, `logLogin code ${value}`).not.toBeNull();
      codes.add(value.startsWith('"') ? m![1]! : authErrors.get(m![1]!)!);
    }
    for (const { value } of all(/Code:\s*string\((Code\w+)\)/g)) {
      const m = read('backend/desktop/errors.go').match(new RegExp(`${value}\\s+ErrorCode = "([a-z_]+)"`));
      codes.add(m![1]!);
    }
    for (const { value } of all(/rec\.Set\("code", ([^\n]+)\)\n/g)) for (const s of strings(value)) codes.add(s);
    expect(codes).toContain('login_ok');
    expect(codes).toContain('bad_credentials');
    expect(codes).toContain('internal');
    expect(missing([...codes].map((c) => `labels.codes.${c.toLowerCase()}`))).toEqual([]);

    const kinds = new Set([...all(/Kind:\s*"([a-z]+)"/g), ...all(/rec\.Set\("kind", "([a-z]+)"\)/g)].map((k) => k.value));
    kinds.delete('name'); // the person search's query kind, not a log line
    expect(kinds).toEqual(new Set(['login', 'error']));
    expect(missing([...kinds].map((k) => `labels.values.kind.${k}`))).toEqual([]);
  });

  it('every two-factor switch says what it protects and where, in both languages', () => {
    const flows = [...read('backend/twofactor/flows.go').matchAll(/Flow\w+\s+Flow = "([a-z_]+)"/g)].map((m) => m[1]!);
    expect(flows).toHaveLength(10);
    expect(missing(flows.map((f) => `twofactor.settings.protects.${f}`))).toEqual([]);
  });
});
