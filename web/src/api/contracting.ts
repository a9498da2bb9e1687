import { byId, useGet, type Id, type Query } from './queries';
import type { components } from './schema.gen';

// Types of social contracting as the server sends them (generated from src/modules/contracting/openapi.json).
type Schemas = components['schemas'];
export type Purchase = Schemas['Purchase'];
export type PurchaseSummary = Schemas['PurchaseSummary'];
export type NeedsAssessment = Schemas['NeedsAssessment'];
export type PurchasePlan = Schemas['PurchasePlan'];
export type Clarification = Schemas['Clarification'];
export type Contract = Schemas['Contract'];
export type ContractReport = Schemas['ContractReport'];

export const PURCHASE_STATUSES = ['draft', 'cost_approved', 'published', 'clarifications', 'evaluation', 'awarded', 'standstill', 'signed', 'cancelled'];

export const usePurchases = (query: Query<'/api/v1/purchases'>) => useGet('/api/v1/purchases', { query });
export const usePurchase = (id: Id) => useGet('/api/v1/purchases/{id}', { path: byId(id) }, { enabled: Number(id) > 0 });
export const useClarifications = (id: Id) => useGet('/api/v1/purchases/{id}/clarifications', { path: byId(id) }, { enabled: Number(id) > 0 });
export const useNeeds = (id: Id) => useGet('/api/v1/needs-assessments/{id}', { path: byId(id) }, { enabled: Number(id) > 0 });
export const usePlan = (id: Id) => useGet('/api/v1/purchase-plans/{id}', { path: byId(id) }, { enabled: Number(id) > 0 });
export const useNeedsList = () => useGet('/api/v1/needs-assessments');
export const usePlans = () => useGet('/api/v1/purchase-plans');
export const useContracts = () => useGet('/api/v1/contracts');
export const useContract = (id: Id) => useGet('/api/v1/contracts/{id}', { path: byId(id) }, { enabled: Number(id) > 0 });
export const useContractReport = (id: Id) => useGet('/api/v1/contract-reports/{id}', { path: byId(id) }, { enabled: Number(id) > 0 });
export const KPI_PERCENT = ['plans_on_time', 'exits_to_community', 'occupancy'];
export type Offer = Schemas['Offer'];
export const useOffersOf = (purchaseId: Id) => useGet('/api/v1/purchases/{id}/offers', { path: byId(purchaseId) }, { enabled: Number(purchaseId) > 0, retry: false });
export type OfferEvaluation = Schemas['OfferEvaluation'];
export type PurchaseRanking = Schemas['PurchaseRanking'];
export const useOfferEvaluation = (id: Id) => useGet('/api/v1/offer-evaluations/{id}', { path: byId(id) }, { enabled: Number(id) > 0 });
export const usePurchaseEvaluations = (purchaseId: Id, enabled = true) =>
  useGet('/api/v1/purchases/{id}/evaluations', { path: byId(purchaseId) }, { enabled: enabled && Number(purchaseId) > 0, retry: false });
export const useRanking = (purchaseId: Id, enabled = true) =>
  useGet('/api/v1/purchases/{id}/ranking', { path: byId(purchaseId) }, { enabled: enabled && Number(purchaseId) > 0, retry: false });
export const useCommittee = (purchaseId: Id, enabled = true) =>
  useGet('/api/v1/purchases/{id}/committee', { path: byId(purchaseId) }, { enabled: enabled && Number(purchaseId) > 0, retry: false });
