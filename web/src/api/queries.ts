import { useQuery, type QueryClient } from '@tanstack/react-query';
import { get, type ApiUrl } from './client';
import type { paths } from './schema.gen';

// Every read a page makes, written once: a path of the OpenAPI description (schema.gen.ts) with its
// path and query parameters typed from it, answered with the type the description gives its 200.
// The cache key of a read is made here and nowhere else — [path template, path parameters, query] —
// so a page cannot misspell a key, and a change invalidates by path template (every page of a list,
// every record of a kind, or one record) without knowing how keys are spelt.
type Described = keyof paths & string;
type Getter = { get: { responses: { 200: unknown } } };
export type GetPath = { [P in Described]: paths[P] extends Getter ? P : never }[Described];
type Op<P extends GetPath> = paths[P] extends Getter ? paths[P]['get'] : never;
type Json<R> = R extends { content: { 'application/json': infer T } } ? T : never;
// What the server answers to a GET of this path.
export type Answer<P extends GetPath> = Json<Op<P>['responses'][200]>;
type Parameters<P extends GetPath> = Op<P> extends { parameters: infer X } ? X : never;
type PathOf<P extends GetPath> = Parameters<P> extends { path: infer X } ? X : never;
type QueryOf<P extends GetPath> = Parameters<P> extends { query?: infer Q } ? Exclude<Q, undefined> : never;
type Loose<T> = { [K in keyof T]?: T[K] | null | '' };

// A list read's query parameters, as the description gives them (empty ones are left out).
export type Query<P extends GetPath> = Loose<QueryOf<P>>;

// A read's parameters: `path` when the template has `{…}` in it, `query` when it takes any.
export type Ask<P extends GetPath> = ([PathOf<P>] extends [never] ? { path?: never } : { path: PathOf<P> }) &
  ([QueryOf<P>] extends [never] ? { query?: never } : { query?: Loose<QueryOf<P>> });

// Pages hold ids from the URL as strings: a record's id as a path parameter (0 while it is not known,
// with the read not enabled), a number query parameter (left out when empty), a list's items.
export type Id = number | string;
export const byId = (x: Id | undefined) => ({ id: Number(x ?? 0) });
export const num = (x: Id | null | undefined) => (x === undefined || x === null || x === '' ? undefined : Number(x));
export const items = <T,>(r: { items: T[] }) => r.items;

type Values = Record<string, string | number | boolean | null | undefined>;

// Parameters left empty are left out, so that `{status: ''}` and `{}` are the same read (and the same key).
function clean(values: Values | undefined): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(values ?? {})) if (v !== undefined && v !== null && v !== '') out[k] = v;
  return out;
}

export function keyOf<P extends GetPath>(path: P, ask?: Ask<P>): readonly unknown[] {
  return [path, clean(ask?.path as Values), clean(ask?.query as Values)];
}

// The URL of a read: the template's `{name}` filled in, then the query.
export function urlOf<P extends GetPath>(path: P, ask?: Ask<P>): ApiUrl {
  const params = clean(ask?.path as Values);
  const filled = path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(params[name])));
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(clean(ask?.query as Values))) query.set(k, String(v));
  const q = query.toString();
  return (q ? `${filled}?${q}` : filled) as ApiUrl;
}

// One GET, once: the same as useGet's query (for a form's "fetch the latest" or a read on a click).
export const fetchAnswer = <P extends GetPath>(path: P, ask?: Ask<P>) => get<Answer<P>>(urlOf(path, ask));

export interface ReadOptions<T, S> {
  enabled?: boolean;
  staleTime?: number;
  refetchInterval?: number;
  retry?: boolean | number;
  select?: (answer: T) => S;
}

// A read as a query (TanStack Query): a page asks `useGet('/api/v1/calls/{id}', { path: { id } })`
// and gets a `Call`. Capabilities name the reads their pages share (grants.ts, services.ts, registry.ts).
export function useGet<P extends GetPath, S = Answer<P>>(path: P, ask?: Ask<P>, options: ReadOptions<Answer<P>, S> = {}) {
  return useQuery({ queryKey: keyOf(path, ask), queryFn: () => fetchAnswer(path, ask), ...options });
}

// After a change: every read of these path templates is asked again (every page of a list, every
// record of a kind), or only those whose path parameters are these (one record).
export type Read = GetPath | readonly [GetPath, Values];
export function invalidate(qc: QueryClient, ...reads: Read[]) {
  for (const r of reads) {
    const queryKey = typeof r === 'string' ? [r] : [r[0], clean(r[1])];
    qc.invalidateQueries({ queryKey });
  }
}
