// Server errors on forms: field problems go under their field, the rest into one message.
import type { FormInstance } from 'antd';
import { ApiError, describeError, describeFieldProblem, fieldPath } from '../api/client.js';
import type { Locale, TFunction } from './i18n.js';

/**
 * Puts the server's field problems on the form's fields. Returns the message for what could not
 * be placed on a field (or null when every problem found its field).
 */
export function applyServerErrors(form: FormInstance, err: unknown, locale: Locale): string | null {
  if (!(err instanceof ApiError)) return describeError(err, locale);
  const known = new Set(form.getFieldsError().map((f) => String(f.name[0])));
  const byField = new Map<string, { name: string[]; errors: string[] }>();
  let unplaced = false;
  for (const p of err.fields) {
    const name = fieldPath(p.field);
    const top = name[0];
    if (!top || !known.has(top)) {
      unplaced = true;
      continue;
    }
    const k = name.join('.');
    const entry = byField.get(k) ?? { name, errors: [] };
    const msg = describeFieldProblem(p, locale, err);
    if (!entry.errors.includes(msg)) entry.errors.push(msg);
    byField.set(k, entry);
  }
  if (byField.size > 0) form.setFields([...byField.values()]);
  if (byField.size === 0 || unplaced) return describeError(err, locale);
  return null;
}

/** Standard client-side rules with messages in the user's language. */
export function rules(t: TFunction) {
  return {
    required: (field: string) => ({ required: true, whitespace: true, message: t('app.form.required', { field }) }),
    choose: (field: string) => ({ required: true, message: t('app.form.choose', { field }) }),
    max: (field: string, n: number) => ({ max: n, message: t('app.form.tooLong', { field, n }) }),
    min: (field: string, n: number) => ({ min: n, message: t('app.form.tooShort', { field, n }) }),
    pattern: (field: string, pattern: RegExp) => ({ pattern, message: t('app.form.pattern', { field }) }),
    range: (field: string, min: number, max: number) => ({
      type: 'number' as const, min, max, message: t('app.form.range', { field, min, max }),
    }),
  };
}
