// A small i18n: each module keeps its dictionary in web/modules/<d>/i18n.ts
//
//   export const messages = defineMessages({
//     zh: { 'admin.users.title': '用户管理', 'admin.users.count': '共 {n} 人' },
//     en: { 'admin.users.title': 'Users', 'admin.users.count': '{n} users' },
//   });
//
// defineMessages makes the compiler insist that en has exactly the keys of zh. Keys start with
// the module id. The registry (modules.tsx) merges the dictionaries of the enabled modules with
// the shell's; `useT()` gives `t(key, vars)` with `{name}` placeholders. zh-CN is the default;
// the choice is kept in localStorage and, for a logged-in user, on the server.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { setClientLocale, type UiLocale } from '../api/client.js';

export type Locale = UiLocale;
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];
export type Messages = Record<string, string>;
export interface ModuleMessages {
  zh: Messages;
  en: Messages;
}

/** Declares one module's dictionary; en must have exactly the keys of zh. */
export function defineMessages<const Z extends Messages>(m: { zh: Z; en: { [K in keyof Z]: string } }): { zh: Z; en: { [K in keyof Z]: string } } {
  return m;
}

export type Vars = Record<string, string | number>;
export type TFunction = (key: string, vars?: Vars) => string;

export function interpolate(text: string, vars?: Vars): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

/** Merges dictionaries; a key defined twice is a mistake and is reported. */
export function mergeMessages(parts: ModuleMessages[], onDuplicate: (key: string) => void = () => {}): ModuleMessages {
  const out: ModuleMessages = { zh: {}, en: {} };
  for (const part of parts) {
    for (const lang of ['zh', 'en'] as const) {
      for (const [k, v] of Object.entries(part[lang])) {
        if (lang === 'zh' && k in out.zh) onDuplicate(k);
        out[lang][k] = v;
      }
    }
  }
  return out;
}

export function translator(dict: ModuleMessages, locale: Locale): TFunction {
  const primary = locale === 'en' ? dict.en : dict.zh;
  return (key, vars) => {
    const text = primary[key] ?? dict.zh[key];
    if (text === undefined) {
      if (import.meta.env.DEV) console.warn(`[i18n] missing key ${key}`);
      return key;
    }
    return interpolate(text, vars);
  };
}

const STORAGE_KEY = 'safegrid.locale';

export function storedLocale(): Locale | null {
  try {
    const v = globalThis.localStorage?.getItem(STORAGE_KEY);
    return v === 'en' || v === 'zh-CN' ? v : null;
  } catch {
    return null;
  }
}

function storeLocale(locale: Locale): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, locale);
  } catch {
    /* private mode: the choice lasts for this page only */
  }
}

interface I18nValue {
  locale: Locale;
  t: TFunction;
  /** Switches the language for this browser (the caller stores it for the user). */
  setLocale: (locale: Locale) => void;
}

const I18nContext = createContext<I18nValue | null>(null);

function applyLocale(locale: Locale): void {
  setClientLocale(locale);
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
}

export function I18nProvider(props: { messages: ModuleMessages; initialLocale?: Locale; children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => {
    const l = props.initialLocale ?? storedLocale() ?? 'zh-CN';
    applyLocale(l);
    return l;
  });
  const setLocale = useCallback((l: Locale) => {
    storeLocale(l);
    applyLocale(l);
    setLocaleState(l);
  }, []);
  const value = useMemo<I18nValue>(() => ({ locale, setLocale, t: translator(props.messages, locale) }), [locale, setLocale, props.messages]);
  return <I18nContext.Provider value={value}>{props.children}</I18nContext.Provider>;
}

function useI18n(): I18nValue {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useT() outside <I18nProvider>');
  return v;
}

/** `const t = useT(); t('admin.users.title')`. */
export function useT(): TFunction {
  return useI18n().t;
}

export function useLocale(): { locale: Locale; setLocale: (l: Locale) => void } {
  const { locale, setLocale } = useI18n();
  return { locale, setLocale };
}

/** Picks the zh or en text of a `{ zh, en }` pair sent by the server (role names etc.). */
export function pick(text: { zh: string; en: string }, locale: Locale): string {
  return locale === 'en' ? text.en : text.zh;
}
