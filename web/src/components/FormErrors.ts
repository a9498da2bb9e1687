import type { TFunction } from 'i18next';
import { ApiError, type Params } from '../api/client';
import i18n from '../i18n';
import { formatDate, formatDateTime } from '../format';

// The server names days and instants in parameters as ISO ("2026-12-15", "…T10:00:00Z"): a sentence
// shows them as the user's language writes dates (15.12.2026), an instant by Chisinau's clock.
function readable(params: Params | null | undefined): Params {
  const out: Params = {};
  for (const [k, v] of Object.entries(params ?? {})) {
    if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) out[k] = formatDate(v, i18n.language);
    else if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/.test(v)) out[k] = formatDateTime(v, i18n.language);
    else out[k] = v;
  }
  return out;
}

// A sentence the server said, in the user's language: problems.<code> with its parameters, or, for
// one field, errors.<code> (with the `_limits` form when the server names the limits).
export function said(t: TFunction, s: { code: string; params?: Params | null }, fallback = ''): string {
  const params = readable(s.params);
  const key = `problems.${s.code}`;
  const msg = t(key, params);
  return msg === key ? fallback : msg;
}

function fieldSentence(t: TFunction, code: string, params: Params | undefined, english: string): string {
  const p = readable(params);
  const hasParams = Object.keys(p).length > 0;
  for (const key of [hasParams ? `errors.${code}_limits` : '', `errors.${code}`, `problems.${code}`]) {
    if (!key) continue;
    const msg = t(key, p);
    if (msg !== key) return msg;
  }
  return english;
}

// Server field errors → { field: translated message } for Mantine inputs' `error` prop.
export function fieldErrors(e: unknown, t: TFunction): Record<string, string> {
  if (!(e instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const [field, err] of Object.entries(e.fieldCodes())) out[field] = fieldSentence(t, err.code, err.params, err.message);
  return out;
}

// One field error in the user's language (lists of problems, import lines).
export function fieldErrorSentence(t: TFunction, err: { code: string; message: string; params?: Params }): string {
  return fieldSentence(t, err.code, err.params, err.message);
}

// A sentence for the whole failure (shown above a form or in a notification), from the problem's code.
export function errorSentence(e: unknown, t: TFunction): string {
  if (e instanceof ApiError) {
    if (e.status === 422 && (!e.problem.code || e.problem.code === 'validation')) return t('common.fixFields');
    if (e.problem.code) {
      const msg = said(t, { code: e.problem.code, params: e.problem.params });
      if (msg) return msg;
    }
    if (e.status === 403) return t('common.forbidden');
    if (e.status === 404) return t('common.notFound');
    const key = `errors.status.${e.status >= 500 ? 500 : e.status}`;
    const msg = t(key);
    return msg === key ? t('common.error') : msg;
  }
  return t('common.error');
}
