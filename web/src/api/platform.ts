import type { components } from './schema.gen';
import { byId, useGet, type Id } from './queries';

// The reads of the platform beneath the capabilities: one's notifications, the users (keys made by
// queries.ts from the path: see there). The audit trail pages through useInfiniteQuery with keyOf.
export const useNotifications = () => useGet('/api/v1/notifications', { query: { limit: 20 } }, { refetchInterval: 60_000 });
export const useUsers = (options: { enabled?: boolean } = {}) => useGet('/api/v1/users', undefined, options);
// One's API tokens (the administrator's: every account's).
export const useTokens = () => useGet('/api/v1/tokens');
// One's webhooks (the administrator's: everyone's), one of them, and its delivery log (refreshed while
// deliveries are on their way).
export const useWebhooks = () => useGet('/api/v1/webhooks');
export const useWebhook = (id: Id) => useGet('/api/v1/webhooks/{id}', { path: byId(id) }, { refetchInterval: 5_000 });
export const useWebhookDeliveries = (id: Id, status: string) =>
  useGet('/api/v1/webhooks/{id}/deliveries', { path: byId(id), query: { limit: 100, ...(status ? { status: status as 'failed' } : {}) } }, { refetchInterval: 5_000 });
// What waits for the signed-in user (GET /api/v1/home), refreshed with the notifications.
export const useHome = () => useGet('/api/v1/home', undefined, { refetchInterval: 60_000 });

// The page of a record the server names by entity and id (a home item, a notification).
const RECORD_PAGE: Record<string, (id: number) => string> = {
  application: (id) => `/applications/${id}`, report: (id) => `/reports/${id}`, agreement: (id) => `/agreements/${id}`,
  call: (id) => `/calls/${id}`, evaluation: (id) => `/evaluations/${id}`, person: (id) => `/people/${id}`,
  referral: () => '/referrals', service: (id) => `/services/${id}`, partnership: (id) => `/partnerships/${id}`,
  organisation: (id) => `/organisations/${id}`, authority: (id) => `/authorities/${id}`, account_request: () => '/account-requests', cost_model: (id) => `/costing/models/${id}`,
  purchase: (id) => `/contracting/purchases/${id}`, contract: (id) => `/contracting/contracts/${id}`,
  contract_report: (id) => `/contracting/reports/${id}`, programme: (id) => `/results/programmes/${id}`, webhook: (id) => `/webhooks/${id}`,
};
export const recordPath = (entity: string, id: number | null | undefined): string | null =>
  RECORD_PAGE[entity] && id ? RECORD_PAGE[entity](id) : null;

// Signed out: what the public pages offer.
export const usePublicSettings = () => useGet('/api/v1/public-settings', undefined, { staleTime: Infinity });
// The officers' queue of account requests.
export type AccountRequest = components['schemas']['AccountRequest'];
export const useAccountRequests = (status: string) => useGet('/api/v1/account-requests', { query: { status: status as 'pending' } });
