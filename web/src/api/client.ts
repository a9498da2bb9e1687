import type { paths } from './schema.gen';
import i18n from '../i18n';
// Talks to /api: keeps the CSRF token of the session, sends If-Match for updates, and turns
// problem+json answers into ApiError with each field's error, so forms can show them in place.
// What the server says: a code the UI translates (problems.<code>, errors.<code>) with the parameters
// its sentence names; `detail` and `message` are the same in English, for API clients.
export type Params = Record<string, string>;
export interface FieldError { field: string; code: string; message: string; params?: Params }
export interface Problem { type: string; title: string; status: number; code?: string; params?: Params; detail?: string; errors?: FieldError[] }

export class ApiError extends Error {
  status: number;
  problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail || problem.title);
    this.status = problem.status;
    this.problem = problem;
  }
  // field → first error code for it (fields as the server names them)
  fieldCodes(): Record<string, FieldError> {
    const out: Record<string, FieldError> = {};
    for (const e of this.problem.errors || []) if (!out[e.field]) out[e.field] = e;
    return out;
  }
}

let csrfToken: string | null = null;
export function setCsrf(token: string | null) { csrfToken = token; }

// Called when the server answers 401 to a request made inside a session (it expired or was ended).
let onUnauthorized: (() => void) | null = null;
export function setUnauthorizedHandler(f: (() => void) | null) { onUnauthorized = f; }

export interface RequestOptions { version?: number; body?: unknown; raw?: BodyInit; contentType?: string }

// Every URL a page asks for is one of the OpenAPI description's paths (schema.gen.ts, generated from
// it), its `{id}` filled in, with or without a query: a path the server does not describe, or one
// misspelt, fails the type check instead of answering 404 in front of a user.
type Fill<P extends string> = P extends `${infer A}{${string}}${infer B}` ? `${A}${string | number}${Fill<B>}` : P;
type Described = keyof paths & string;
export type ApiUrl = { [P in Described]: Fill<P> | `${Fill<P>}?${string}` }[Described];

export async function api<T = unknown>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: ApiUrl, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (opts.version !== undefined) headers['if-match'] = `"${opts.version}"`;
  let body: BodyInit | undefined;
  if (opts.raw !== undefined) {
    body = opts.raw;
    if (opts.contentType) headers['content-type'] = opts.contentType;
  } else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['content-type'] = 'application/json';
  }
  const res = await fetch(path, { method, headers, body, credentials: 'same-origin' });
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown = undefined;
  try { data = text ? JSON.parse(text) : undefined; } catch { /* not JSON */ }
  if (!res.ok) {
    if (res.status === 401 && csrfToken && path !== '/api/v1/session' && onUnauthorized) onUnauthorized();
    const p = (data as Problem) || { type: 'about:blank', title: res.statusText, status: res.status };
    throw new ApiError({ ...p, status: res.status });
  }
  return data as T;
}

export const get = <T,>(path: ApiUrl) => api<T>('GET', path);
export const post = <T,>(path: ApiUrl, body?: unknown) => api<T>('POST', path, { body });
export const patch = <T,>(path: ApiUrl, body: unknown, version: number) => api<T>('PATCH', path, { body, version });
export const del = <T,>(path: ApiUrl, version?: number) => api<T>('DELETE', path, { version });

export function qs(params: Record<string, string | number | undefined | null>): '' | `?${string}` {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') u.set(k, String(v));
  const s = u.toString();
  return s ? `?${s}` : '';
}

// A download (a spreadsheet) written in the page's language: the address with `lang=`.
export function inLanguage(path: string): string {
  return `${path}${path.includes('?') ? '&' : '?'}lang=${i18n.language}`;
}
