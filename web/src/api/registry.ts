import { useQuery } from '@tanstack/react-query';
import { get } from './client';

export interface Money { amount_minor: number; currency: string }
export interface Unit { code: string; name: string; kind: string; level: number; region?: string; svg_id?: string; parent_code?: string | null }
export interface Organisation {
  id: number; name: string; short_name: string | null; legal_form: string; idno: string; registered_on: string | null;
  address: string | null; district: string; locality: string | null; email: string | null; phone: string | null;
  website: string | null; fields: string[]; target_groups: string[]; status: string; description: string | null;
  version: number; created_at: string; updated_at: string;
}
export interface Authority {
  id: number; name: string; kind: string; level: string; unit_code: string | null; district: string | null; idno: string | null;
  address: string | null; email: string | null; phone: string | null; head_name: string | null; status: string; version: number;
}
export interface Party {
  organisation_id: number | null; authority_id: number | null; name?: string; role: string; contribution: Money; contribution_kind: string;
}
export interface DocumentInfo { id: number; filename: string; content_type: string; size: number; uploaded_at: string }
export interface Partnership {
  id: number; title: string; purpose: string | null; starts_on: string; ends_on: string | null; status: string;
  parties: Party[]; co_financing_total: Money[]; documents: DocumentInfo[]; version: number;
}
export interface Page<T> { items: T[]; total: number; next_cursor: string | null }
export interface DistrictCount { district: string; organisations: number; authorities: number; partnerships: number }

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

export function formatMoney(m: Money, lang: string): string {
  const locale = lang === 'ru' ? 'ru-MD' : lang === 'en' ? 'en-GB' : 'ro-MD';
  return new Intl.NumberFormat(locale, { style: 'currency', currency: m.currency, currencyDisplay: 'code', maximumFractionDigits: 2 }).format(m.amount_minor / 100);
}
