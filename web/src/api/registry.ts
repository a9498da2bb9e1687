import { useQuery } from '@tanstack/react-query';
import { byId, items, useGet, type Id, type Query } from './queries';
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
export const useDistricts = () => useGet('/api/v1/units', { query: { level: 2 } }, { staleTime: Infinity, select: items });
export const useLocalities = (district: string | null | undefined) =>
  useGet('/api/v1/units', { query: { parent: district } }, { enabled: !!district, staleTime: Infinity, select: items });

// The registry's reads (keys made by queries.ts from the path: see there).
export const useOrganisations = (query: Query<'/api/v1/organisations'>, enabled = true) => useGet('/api/v1/organisations', { query }, { enabled });
export const useOrganisation = (orgId: Id | undefined, enabled = true) => useGet('/api/v1/organisations/{id}', { path: byId(orgId) }, { enabled: enabled && orgId !== undefined });
export const useAuthorities = (query: Query<'/api/v1/authorities'>, enabled = true) => useGet('/api/v1/authorities', { query }, { enabled });
export const useAuthority = (authorityId: Id | undefined, enabled = true) => useGet('/api/v1/authorities/{id}', { path: byId(authorityId) }, { enabled: enabled && authorityId !== undefined });
export const usePartnerships = (query: Query<'/api/v1/partnerships'>, enabled = true) => useGet('/api/v1/partnerships', { query }, { enabled });
export const usePartnership = (partnershipId: Id | undefined, enabled = true) => useGet('/api/v1/partnerships/{id}', { path: byId(partnershipId) }, { enabled: enabled && partnershipId !== undefined });
export const useDistrictCounts = (enabled: boolean) => useGet('/api/v1/registry/districts', undefined, { enabled, select: items });

// A partnership's contribution, formatted as every amount is (web/src/format.ts).
export const formatMoney = (m: { amount_minor: number; currency: string }, lang: string) => formatAmount(m.amount_minor, m.currency, lang);

interface Shape { id: string; d: string }

// The 37 second-level units from the bundled SVG (svg-maps / MapSVG, CC BY 4.0), coloured by a count.
async function loadShapes(): Promise<{ viewBox: string; shapes: Shape[] }> {
  const text = await fetch('/moldova-districts.svg').then((r) => r.text());
  const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
  const svg = doc.documentElement;
  const shapes = [...doc.querySelectorAll('path')].map((p) => ({ id: p.getAttribute('id') ?? '', d: p.getAttribute('d') ?? '' }));
  return { viewBox: svg.getAttribute('viewBox') ?? '0 0 613 769', shapes };
}
// Kept for the session: the map's shapes do not change while the product runs (not an API read).
export const useDistrictShapes = () => useQuery({ queryKey: ['district-shapes'], queryFn: loadShapes, staleTime: Infinity });
