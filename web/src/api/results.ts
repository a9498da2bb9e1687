import { useTranslation } from 'react-i18next';
import { byId, useGet, type Id } from './queries';
import type { components } from './schema.gen';

// Types of results as the server sends them (generated from src/modules/results/openapi.json).
type Schemas = components['schemas'];
export type Programme = Schemas['Programme'];
export type ProgrammeSummary = Schemas['ProgrammeSummary'];
export type PeopleFigures = Schemas['PeopleFigures'];
export type MoreFigures = Schemas['MoreFigures'];
export type Framework = Schemas['Framework'];
export type Indicator = Schemas['Indicator'];

export const useProgrammes = () => useGet('/api/v1/programmes');
export const useFramework = (id: Id) => useGet('/api/v1/programmes/{id}/framework', { path: byId(id) }, { enabled: Number(id) > 0 });
export const useIndicator = (id: Id) => useGet('/api/v1/indicators/{id}', { path: byId(id) }, { enabled: Number(id) > 0 });
export const useCategorySets = () => useGet('/api/v1/category-sets', {}, { staleTime: 60_000 });
export const useProgramme = (id: Id) => useGet('/api/v1/programmes/{id}', { path: byId(id) }, { enabled: Number(id) > 0 });

// A programme's name in the user's language.
export function useProgrammeName() {
  const { i18n } = useTranslation();
  return (p: { name_ro: string; name_ru: string; name_en: string }) => (i18n.language === 'ru' ? p.name_ru : i18n.language === 'en' ? p.name_en : p.name_ro);
}
