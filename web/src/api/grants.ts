import { useTranslation } from 'react-i18next';
import { api, type ApiUrl } from './client';
import { byId, num, useGet, type Id } from './queries';
import { useFormat } from '../format';
import type { components } from './schema.gen';

// Types of the grant programme as the server sends them (generated from the OpenAPI description, src/modules/grants/openapi.json).
type Schemas = components['schemas'];
export type Call = Schemas['Call'];
export type CallSummary = Schemas['CallSummary'];
export type Application = Schemas['Application'];
export type ApplicationSummary = Schemas['ApplicationSummary'];
export type BudgetLine = Schemas['BudgetLine'];
export type Activity = Schemas['Activity'];
export type TargetGroupCount = Schemas['TargetGroupCount'];
export type Evaluation = Schemas['Evaluation'];
export type Score = Schemas['Score'];
export type Ranking = Schemas['Ranking'];
export type RankingItem = Schemas['RankingItem'];
export type ApplicationResult = Schemas['ApplicationResult'];
export type Agreement = Schemas['Agreement'];
export type AgreementSummary = Schemas['AgreementSummary'];
export type Tranche = Schemas['Tranche'];
export type Report = Schemas['Report'];
export type Visit = Schemas['Visit'];
export type Portfolio = Schemas['Portfolio'];
export type Notification = Schemas['Notification'];
export type DueTranche = Schemas['DueTrancheList']['items'][number];
export type I18nText = Schemas['I18nOut'];
export interface Criterion { code: string; name: I18nText; description: string; max_score: number; threshold: number | null }

export const CALL_STATUSES = ['draft', 'published', 'closed', 'under_evaluation', 'decided', 'archived'] as const;
export const CALL_KINDS = ['service_grant', 'service_contract', 'other'] as const;
export const BUDGET_CATEGORIES = ['staff', 'operating', 'equipment', 'travel', 'training', 'other'] as const;
// The next state an officer can move a call to (closing happens by itself at the deadline).
export const NEXT_STATUS: Record<string, string | null> = {
  draft: 'published', published: null, closed: 'under_evaluation', under_evaluation: 'decided', decided: 'archived', archived: null,
};
export const STATUS_COLOR: Record<string, string> = {
  draft: 'gray.7', published: 'teal.9', closed: '#a63a0a', under_evaluation: 'indigo.8', decided: '#1e6b34', archived: 'gray.7',
  submitted: 'teal.9', withdrawn: 'gray.7', due: 'gray.7', returned: '#c92a2a', approved: '#1e6b34', signed: 'teal.9',
  completed: '#1e6b34', terminated: '#c92a2a', assigned: '#a63a0a', declared: 'indigo.8', conflict: '#c92a2a',
  award: '#1e6b34', reserve: '#a63a0a', reject: '#c92a2a', applied: '#1e6b34', pending: '#a63a0a', rejected: '#c92a2a',
  active: 'teal.9', planned: 'gray.7', suspended: '#a63a0a', waiting: '#a63a0a', exited: 'gray.7',
  accepted: '#1e6b34', declined: '#c92a2a', cancelled: 'gray.7',
  cost_approved: 'indigo.8', clarifications: 'teal.9', evaluation: 'indigo.8', awarded: '#1e6b34', standstill: '#a63a0a', paid: '#1e6b34',
  expired: 'gray.7',
};

// The text of an ro/ru/en field in the interface's language (Romanian when a translation is missing).
export function useTr() {
  const { i18n } = useTranslation();
  const lang = (i18n.language as 'ro' | 'ru' | 'en') ?? 'ro';
  return (x: Partial<I18nText> | null | undefined) => (x ? x[lang] || x.ro || '' : '');
}

// Money, shares, scores and dates are formatted in one module (web/src/format.ts).
export { formatPercent as percent, formatPoints as points, today, toMinor } from '../format';
// Amounts in the user's language (format.ts).
export function useMoney() {
  return useFormat().money;
}

// Uploads a file as the request body (the server takes the name from the query).
export function upload<T>(path: ApiUrl, file: File, params: Record<string, string> = {}, version?: number) {
  const q = new URLSearchParams({ filename: file.name, ...params }).toString();
  return api<T>('POST', `${path}?${q}` as ApiUrl, { raw: file, contentType: 'application/octet-stream', version });
}

// The grant programme's reads (keys made by queries.ts from the path: see there).
export const useCalls = (status?: string | null) => useGet('/api/v1/calls', { query: { status } });
export const useCall = (callId: Id | undefined, enabled = true) => useGet('/api/v1/calls/{id}', { path: byId(callId) }, { enabled: enabled && callId !== undefined });
export const useApplications = (query: { status?: string | null; call_id?: Id }, enabled = true) =>
  useGet('/api/v1/applications', { query: { status: query.status, call_id: num(query.call_id) } }, { enabled });
export const useApplication = (appId: Id) => useGet('/api/v1/applications/{id}', { path: byId(appId) }, { retry: false });
export const useApplicationResult = (appId: Id) => useGet('/api/v1/applications/{id}/result', { path: byId(appId) }, { retry: false });
export const useEvaluations = (callId?: Id) => useGet('/api/v1/evaluations', { query: { call_id: num(callId) } });
export const useEvaluation = (evalId: Id) => useGet('/api/v1/evaluations/{id}', { path: byId(evalId) });
export const usePortfolio = (callId?: string | null) => useGet('/api/v1/portfolio', { query: { call_id: num(callId) } });
export const useRanking = (callId: Id) => useGet('/api/v1/calls/{id}/ranking', { path: byId(callId) });
export const useAgreements = (status?: string | null) => useGet('/api/v1/agreements', { query: { status } });
export const useAgreement = (agreementId: Id) => useGet('/api/v1/agreements/{id}', { path: byId(agreementId) });
export const useTranchesDue = (enabled: boolean) => useGet('/api/v1/tranches/due', undefined, { enabled });
export const useReport = (reportId: Id) => useGet('/api/v1/reports/{id}', { path: byId(reportId) });
export const useQueues = (callId?: string | null) => useGet('/api/v1/queues', { query: { call_id: num(callId) } });
