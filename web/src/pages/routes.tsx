// Each capability's pages, registered in one place (the UI side of "adding a capability").
import type { ReactElement } from 'react';
import { AuditPage } from './AuditPage';
import { UsersPage } from './UsersPage';
import { AuthoritiesPage } from './registry/AuthoritiesPage';
import { AuthorityPage } from './registry/AuthorityPage';
import { OrganisationPage } from './registry/OrganisationPage';
import { OrganisationsPage } from './registry/OrganisationsPage';
import { PartnershipPage } from './registry/PartnershipPage';
import { PartnershipsPage } from './registry/PartnershipsPage';

export interface ModuleRoute { path: string; element: ReactElement }
export const moduleRoutes: ModuleRoute[] = [
  { path: '/organisations', element: <OrganisationsPage /> },
  { path: '/organisations/:id', element: <OrganisationPage /> },
  { path: '/authorities', element: <AuthoritiesPage /> },
  { path: '/authorities/:id', element: <AuthorityPage /> },
  { path: '/partnerships', element: <PartnershipsPage /> },
  { path: '/partnerships/:id', element: <PartnershipPage /> },
  { path: '/audit', element: <AuditPage /> },
  { path: '/users', element: <UsersPage /> },
];
