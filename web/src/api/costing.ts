import { useTranslation } from 'react-i18next';
import { useFormat } from '../format';
import { byId, useGet, type Id, type Query } from './queries';
import { useDistricts } from './registry';
import type { components } from './schema.gen';

// Types of costing as the server sends them (generated from src/modules/costing/openapi.json).
type Schemas = components['schemas'];
export type CostModel = Schemas['CostModel'];
export type CostModelSummary = Schemas['CostModelSummary'];
export type CostInputs = Schemas['CostInputsOut'];
export type CostOutputs = Schemas['CostOutputs'];
export type CostParameterSet = Schemas['CostParameterSet'];
export type CostComparison = Schemas['CostComparison'];
export type CostBenchmark = Schemas['CostBenchmark'];
export type CostActual = Schemas['CostActual'];

export const RUNNING_CATEGORIES = ['transport', 'materials', 'food', 'rent_utilities', 'communications', 'training_supervision', 'insurance', 'other'];
export const RUNNING_BASES = ['per_place', 'per_beneficiary', 'per_km'];
export const MODEL_STATUSES = ['draft', 'submitted', 'approved', 'superseded'];
// The types the council's standards are set for first (the methodology's pilots).
export const COST_FIGURES = ['per_place_year_minor', 'per_beneficiary_month_minor', 'per_beneficiary_day_minor', 'per_contact_hour_minor'] as const;

export const useCostModels = (query: Query<'/api/v1/cost-models'>) => useGet('/api/v1/cost-models', { query });
export const useCostModel = (id: Id) => useGet('/api/v1/cost-models/{id}', { path: byId(id) }, { enabled: Number(id) > 0 });
export const useCostComparison = (id: Id) => useGet('/api/v1/cost-models/{id}/comparison', { path: byId(id) }, { enabled: Number(id) > 0 });
export const useCostParameters = () => useGet('/api/v1/cost-parameters', undefined, { staleTime: 60_000 });
export const useBenchmark = (typeCode: string, year: number) =>
  useGet('/api/v1/cost-benchmark', { query: { type_code: typeCode, year } }, { enabled: !!typeCode && year > 0 });
export const useCostActual = (serviceId: Id, year: number) =>
  useGet('/api/v1/services/{id}/cost-actual', { path: byId(serviceId), query: { year } }, { enabled: Number(serviceId) > 0 });

// How the costing pages write their words: an amount in lei ("—" where there is none), the territories
// to choose from, a territory by name (a district's, or "national"), and a parameter set as its year, edition and minimum wage.
export function useCostWords() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const districts = useDistricts();
  return {
    lei: (minor: number | null | undefined) => (minor === null || minor === undefined ? '—' : fmt.money(minor, 'MDL')),
    // The territories a standard is set for, as choices: the country, then each district.
    territories: [{ value: 'national', label: t('cost.national') }, ...(districts.data ?? []).map((d) => ({ value: d.code, label: d.name }))],
    place: (code: string) => (code === 'national' ? t('cost.national') : districts.data?.find((d) => d.code === code)?.name ?? code),
    sets: (items: CostParameterSet[] | undefined) =>
      (items ?? []).map((s) => ({ value: String(s.id), label: t('cost.setLabel', { year: s.year, edition: s.edition, wage: fmt.money(s.minimum_wage_minor, 'MDL') }) })),
  };
}
