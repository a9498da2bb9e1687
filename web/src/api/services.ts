import { byId, items, useGet, type Id, type Query } from './queries';
import type { components } from './schema.gen';

// Types of social services and the people they serve, as the server sends them (from openapi.json).
type Schemas = components['schemas'];
export type ServiceType = Schemas['ServiceType'];
export type Service = Schemas['Service'];
export type Person = Schemas['Person'];
export type PersonSummary = Schemas['PersonSummary'];
export type Enrolment = Schemas['Enrolment'];
export type Plan = Schemas['Plan'];
export type Consent = Schemas['Consent'];
export type DeliveryGrid = Schemas['DeliveryGrid'];
export type GridCell = DeliveryGrid['rows'][number]['cells'][number];
export type Overview = Schemas['ServicesOverview'];
export type Tally = Schemas['ServicesTally'];
export type Referral = Schemas['Referral'];
// A count of people as the aggregates give it: "<5" below 5, "≥5" when hidden so that a "<5" beside it
// cannot be recovered from the total.
export type Count = number | '<5' | '≥5';

export const SERVICE_STATUSES = ['planned', 'active', 'suspended', 'closed'];
export const FUNDING_SOURCES = ['grant', 'public_contract', 'local_budget', 'other'];
export const DISABILITY_TYPES = ['intellectual', 'psychosocial', 'physical', 'sensory', 'multiple'];
export const DISABILITY_DEGREES = ['severe', 'accentuated', 'medium'];
export const CONSENT_PURPOSES = ['services', 'data_processing', 'sharing', 'photos'];
export const NEED_DOMAINS = ['health', 'daily_living', 'mobility', 'communication', 'education', 'employment', 'housing',
  'family_relations', 'social_inclusion', 'finances', 'safety'];
export const EXIT_REASONS = ['goals_reached', 'moved', 'family', 'other_service', 'institution', 'died', 'other'];
export const OUTCOMES = ['living_in_family', 'community_with_support', 'returned_to_institution', 'other'];
export const FAMILIES = ['biological', 'extended', 'foster', 'adoptive', 'guardian'];
export const AGE_GROUPS = ['0-6', '7-17', '18-34', '35-64', '65+'];
// Accreditation expiring within this many days is flagged on the service and in the list.
export const ACCREDITATION_WARNING_DAYS = 60;

// The reads of services and the people they serve (keys made by queries.ts from the path: see there).
export const useServiceTypes = () => useGet('/api/v1/service-types', undefined, { staleTime: Infinity, select: items });
export const useServices = (query: Query<'/api/v1/services'>) => useGet('/api/v1/services', { query });
// The active services (to enrol or refer someone, or to receive them after an institution).
export const useActiveServices = () => useGet('/api/v1/services', { query: { status: 'active' } }, { select: items });
export const useService = (serviceId: Id) => useGet('/api/v1/services/{id}', { path: byId(serviceId) });
export const useServiceStaff = (serviceId: Id) => useGet('/api/v1/services/{id}/staff', { path: byId(serviceId) });
export const useDeliveryGrid = (serviceId: Id, month: string) =>
  useGet('/api/v1/services/{id}/deliveries', { path: byId(serviceId), query: { month } }, { enabled: /^\d{4}-\d{2}$/.test(month) });
export const useOverview = (query: Query<'/api/v1/services/overview'>) => useGet('/api/v1/services/overview', { query });
export interface PeopleQuery { code: string; mine: boolean; stage: '' | 'waiting' | 'enrolled' | 'due'; cursor: string | null }
export const usePeople = (q: PeopleQuery, limit: number) =>
  useGet('/api/v1/people', { query: { code: q.code, mine: q.mine ? '1' : undefined, stage: q.stage || undefined, cursor: q.cursor ?? undefined, limit } });
export const usePerson = (personId: Id) => useGet('/api/v1/people/{id}', { path: byId(personId) });
export const useReferrals = (direction: 'incoming' | 'outgoing') => useGet('/api/v1/referrals', { query: { direction } });
// A suppressed count counts as 1 ("<5") or 5 ("≥5") on a map or chart scale: visible, never its real value.
export const countValue = (c: Count | undefined) => (c === undefined ? 0 : c === '<5' ? 1 : c === '≥5' ? 5 : c);
