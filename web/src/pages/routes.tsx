// Each capability's pages, registered in one place (the UI side of "adding a capability").
import type { ReactElement } from 'react';
import { AuditPage } from './AuditPage';
import { UsersPage } from './UsersPage';
import { TokensPage } from './TokensPage';
import { WebhookPage, WebhooksPage } from './WebhooksPage';
import { AccountRequestsPage } from './AccountRequestsPage';
import { AuthoritiesPage } from './registry/AuthoritiesPage';
import { AuthorityPage } from './registry/AuthorityPage';
import { OrganisationPage } from './registry/OrganisationPage';
import { OrganisationsPage } from './registry/OrganisationsPage';
import { PartnershipPage } from './registry/PartnershipPage';
import { PartnershipsPage } from './registry/PartnershipsPage';
import { AgreementPage } from './grants/AgreementPage';
import { AgreementsPage } from './grants/AgreementsPage';
import { ApplicationPage } from './grants/ApplicationPage';
import { ApplicationsPage } from './grants/ApplicationsPage';
import { CallEditPage } from './grants/CallEditPage';
import { CallPage } from './grants/CallPage';
import { CallsPage } from './grants/CallsPage';
import { EvaluationPage } from './grants/EvaluationPage';
import { EvaluationsPage } from './grants/EvaluationsPage';
import { PortfolioPage } from './grants/PortfolioPage';
import { QueuesPage } from './grants/QueuesPage';
import { ReportPage } from './grants/ReportPage';
import { PeoplePage } from './services/PeoplePage';
import { PersonNewPage } from './services/PersonNewPage';
import { PersonPage } from './services/PersonPage';
import { ReferralsPage } from './services/ReferralsPage';
import { ServicePage } from './services/ServicePage';
import { ServicesOverviewPage } from './services/ServicesOverviewPage';
import { ServicesPage } from './services/ServicesPage';
import { BenchmarkPage } from './costing/BenchmarkPage';
import { CostingPage } from './costing/CostingPage';
import { ContractingPage } from './contracting/ContractingPage';
import { ContractPage } from './contracting/ContractPage';
import { PurchasePage } from './contracting/PurchasePage';
import { NeedsPage } from './contracting/NeedsPage';
import { PlanPage } from './contracting/PlanPage';
import { PurchaseEditPage } from './contracting/PurchaseEditPage';
import { OfferEvaluationPage } from './contracting/OfferEvaluationPage';
import { ReportPage as ContractReportPage } from './contracting/ReportPage';
import { IndicatorPage } from './results/IndicatorPage';
import { ProgrammePage } from './results/ProgrammePage';
import { ProgrammesPage } from './results/ProgrammesPage';
import { CostModelPage } from './costing/CostModelPage';
import { ServiceCostPage } from './costing/ServiceCostPage';

export interface ModuleRoute { path: string; element: ReactElement }
export const moduleRoutes: ModuleRoute[] = [
  { path: '/organisations', element: <OrganisationsPage /> },
  { path: '/organisations/:id', element: <OrganisationPage /> },
  { path: '/authorities', element: <AuthoritiesPage /> },
  { path: '/authorities/:id', element: <AuthorityPage /> },
  { path: '/partnerships', element: <PartnershipsPage /> },
  { path: '/partnerships/:id', element: <PartnershipPage /> },
  { path: '/calls', element: <CallsPage /> },
  { path: '/calls/new', element: <CallEditPage /> },
  { path: '/calls/:id', element: <CallPage /> },
  { path: '/calls/:id/edit', element: <CallEditPage /> },
  { path: '/applications', element: <ApplicationsPage /> },
  { path: '/applications/:id', element: <ApplicationPage /> },
  { path: '/evaluations', element: <EvaluationsPage /> },
  { path: '/evaluations/:id', element: <EvaluationPage /> },
  { path: '/agreements', element: <AgreementsPage /> },
  { path: '/agreements/:id', element: <AgreementPage /> },
  { path: '/reports/:id', element: <ReportPage /> },
  { path: '/portfolio', element: <PortfolioPage /> },
  { path: '/queues', element: <QueuesPage /> },
  { path: '/services', element: <ServicesPage /> },
  { path: '/services/overview', element: <ServicesOverviewPage /> },
  { path: '/services/:id', element: <ServicePage /> },
  { path: '/services/:id/cost', element: <ServiceCostPage /> },
  { path: '/costing', element: <CostingPage /> },
  { path: '/costing/benchmark', element: <BenchmarkPage /> },
  { path: '/costing/models/:id', element: <CostModelPage /> },
  { path: '/contracting', element: <ContractingPage /> },
  { path: '/contracting/needs/:id', element: <NeedsPage /> },
  { path: '/contracting/plans/:id', element: <PlanPage /> },
  { path: '/contracting/purchases/new', element: <PurchaseEditPage /> },
  { path: '/contracting/purchases/:id/edit', element: <PurchaseEditPage /> },
  { path: '/contracting/purchases/:id', element: <PurchasePage /> },
  { path: '/contracting/contracts/:id', element: <ContractPage /> },
  { path: '/contracting/evaluations/:id', element: <OfferEvaluationPage /> },
  { path: '/contracting/reports/:id', element: <ContractReportPage /> },
  { path: '/results', element: <ProgrammesPage /> },
  { path: '/results/programmes/:id', element: <ProgrammePage /> },
  { path: '/results/indicators/:id', element: <IndicatorPage /> },
  { path: '/people', element: <PeoplePage /> },
  { path: '/people/new', element: <PersonNewPage /> },
  { path: '/people/:id', element: <PersonPage /> },
  { path: '/referrals', element: <ReferralsPage /> },
  { path: '/audit', element: <AuditPage /> },
  { path: '/users', element: <UsersPage /> },
  { path: '/tokens', element: <TokensPage /> },
  { path: '/webhooks', element: <WebhooksPage /> },
  { path: '/webhooks/:id', element: <WebhookPage /> },
  { path: '/account-requests', element: <AccountRequestsPage /> },
];
