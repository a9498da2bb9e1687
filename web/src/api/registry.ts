import { useQuery } from '@tanstack/react-query';
import { get } from './client';
import { formatMoney as formatAmount } from '../format';
import type { components } from './schema.gen';

// Types of what the server sends, generated from the OpenAPI description (src/modules/registry/openapi.json; npm run gen:api).
type Schemas = components['schemas'];
export type Money = Schemas['Money'];
export type Unit = Schemas['Unit'];
export type Organisation = Schemas['Organisation'];
export type OrganisationSummary = Schemas['OrganisationSummary'];
export type Authority = Schemas['Authority'];
export type Party = Schemas['Party'];
export type DocumentInfo = Schemas['Document'];
export type Partnership = Schemas['Partnership'];
export type PartnershipSummary = Schemas['PartnershipSummary'];
export interface Page<T> { items: T[]; total: number; next_cursor: string | null }
export type DistrictCount = Schemas['DistrictCounts']['items'][number];
export type ImportReport = Schemas['ImportReport'];

export const LEGAL_FORMS = ['public_association', 'foundation', 'private_institution', 'union_of_legal_entities', 'other'];
export const ORG_STATUSES = ['active', 'suspended', 'archived'];
export const TARGET_GROUPS = ['children_at_risk', 'children_without_parental_care', 'families_with_children', 'roma',
  'domestic_violence', 'homeless', 'intellectual_disability', 'psychosocial_disability', 'physical_disability',
  'sensory_disability', 'deinstitutionalised', 'elderly', 'youth'];
export const FIELDS = ['social_services', 'child_protection', 'disability_rights', 'health', 'education',
  'community_development', 'human_rights', 'advocacy', 'media', 'other'];
export const AUTHORITY_KINDS = ['village_mayoralty', 'commune_mayoralty', 'town_mayoralty', 'municipal_mayoralty',
  'district_council', 'municipal_council', 'atu_executive', 'ministry', 'national_agency'];
export const PARTNERSHIP_STATUSES = ['draft', 'active', 'ended', 'archived'];
export const PARTY_ROLES = ['lead', 'partner', 'co_financer', 'service_provider', 'contracting_authority'];

// The 37 second-level units, cached for the session.
export function useDistricts() {
  return useQuery({ queryKey: ['units', 2], queryFn: () => get<{ items: Unit[] }>('/api/v1/units?level=2').then((r) => r.items), staleTime: Infinity });
}
export function useLocalities(district: string | null | undefined) {
  return useQuery({
    queryKey: ['units', 'parent', district],
    queryFn: () => get<{ items: Unit[] }>(`/api/v1/units?parent=${district}`).then((r) => r.items),
    enabled: !!district, staleTime: Infinity,
  });
}

// A partnership's contribution, formatted as every amount is (web/src/format.ts).
export const formatMoney = (m: { amount_minor: number; currency: string }, lang: string) => formatAmount(m.amount_minor, m.currency, lang);
