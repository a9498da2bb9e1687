import type { TFunction } from 'i18next';
import { ApiError } from '../api/client';

// Server field errors → { field: translated message } for Mantine inputs' `error` prop.
export function fieldErrors(e: unknown, t: TFunction): Record<string, string> {
  if (!(e instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const [field, err] of Object.entries(e.fieldCodes())) {
    const key = `errors.${err.code}`;
    const msg = t(key);
    out[field] = msg === key ? err.message : msg;
  }
  return out;
}

// A sentence for the whole failure (shown above a form or in a notification).
export function errorSentence(e: unknown, t: TFunction): string {
  if (e instanceof ApiError) {
    if (e.status === 403) return t('common.forbidden');
    if (e.status === 404) return t('common.notFound');
    if (e.status === 422) return t('common.fixFields');
    const key = `errors.status.${e.status >= 500 ? 500 : e.status}`;
    const msg = t(key);
    return msg === key ? e.problem.detail || e.problem.title : msg;
  }
  return t('common.error');
}
