import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '@/lib/backend';
import { createI18n } from '@/lib/i18n';
import { translations } from '../locales';

type Tree = { [key: string]: string | Tree };

function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : keys(v, `${prefix}${k}.`)));
}

/** Plural forms (x_one, x_other) count as the key x. */
function baseKeys(tree: Tree): Set<string> {
  return new Set(keys(tree).map((k) => k.replace(/_(zero|one|two|few|many|other)$/, '')));
}

// Vitest runs in frontend/.
const srcDir = join(process.cwd(), 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === '__tests__' ? [] : sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

describe('translations', () => {
  const sv = translations.sv as unknown as Tree;
  const en = translations.en as unknown as Tree;

  it('have the same keys in Swedish and English', () => {
    expect(keys(en).sort()).toEqual(keys(sv).sort());
  });

  it('have no empty strings', () => {
    for (const [lang, tree] of Object.entries({ sv, en })) {
      const empty = keys(tree).filter((k) => {
        const v = k.split('.').reduce<string | Tree>((node, part) => (node as Tree)[part]!, tree);
        return typeof v !== 'string' || v.trim() === '';
      });
      expect(empty, lang).toEqual([]);
    }
  });

  it('cover every literal key the source uses, in both languages', () => {
    const used = new Map<string, string>();
    for (const file of sourceFiles(srcDir)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) used.set(m[1]!, relative(srcDir, file));
    }
    expect(used.size).toBeGreaterThan(10);
    for (const [lang, tree] of Object.entries({ sv, en })) {
      const have = baseKeys(tree);
      const missing = [...used].filter(([k]) => !have.has(k)).map(([k, f]) => `${k} (${f})`);
      expect(missing, `missing in ${lang}`).toEqual([]);
    }
  });

  it('translate every backend error code in both languages', () => {
    for (const code of Object.values(ErrorCode)) {
      for (const lang of ['sv', 'en'] as const) {
        const i18n = createI18n(translations, lang);
        expect(i18n.exists(`errors.${code}`), `${lang}: errors.${code}`).toBe(true);
      }
    }
  });

  it('pick plural forms and interpolate', () => {
    const sv18n = createI18n(translations, 'sv');
    expect(sv18n.t('status.records', { count: 1, formatted: '1' })).toBe('1 post');
    expect(sv18n.t('status.records', { count: 1234, formatted: '1 234' })).toBe('1 234 poster');
    const en18n = createI18n(translations, 'en');
    expect(en18n.t('status.records', { count: 2, formatted: '2' })).toBe('2 records');
  });
});
