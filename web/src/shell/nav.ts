// Navigation per role: an item shows only when the user has its permission.
export interface NavItem { to: string; label: string; permission?: string; roles?: string[] }
export const navItems: NavItem[] = [
  { to: '/', label: 'nav.home' },
  { to: '/organisations', label: 'nav.organisations', permission: 'registry.read' },
  { to: '/authorities', label: 'nav.authorities', permission: 'registry.read' },
  { to: '/partnerships', label: 'nav.partnerships', permission: 'registry.read' },
  { to: '/calls', label: 'nav.calls', permission: 'grants.read' },
  { to: '/applications', label: 'nav.applications', permission: 'grants.read', roles: ['cso_staff', 'lpa_staff', 'officer', 'admin'] },
  { to: '/evaluations', label: 'nav.evaluations', permission: 'evaluations.score' },
  { to: '/queues', label: 'nav.queues', permission: 'agreements.manage' },
  { to: '/agreements', label: 'nav.agreements', permission: 'grants.read', roles: ['cso_staff', 'officer', 'admin', 'monitor', 'auditor', 'lpa_staff'] },
  { to: '/portfolio', label: 'nav.portfolio', permission: 'grants.read', roles: ['officer', 'admin', 'monitor', 'auditor'] },
  { to: '/services', label: 'nav.services', permission: 'services.read' },
  { to: '/people', label: 'nav.people', permission: 'people.read' },
  { to: '/services/overview', label: 'nav.servicesOverview', permission: 'services.read', roles: ['officer', 'admin', 'monitor', 'auditor', 'lpa_staff'] },
  { to: '/costing', label: 'nav.costing', permission: 'costing.read' },
  { to: '/contracting', label: 'nav.contracting', permission: 'contracting.read' },
  { to: '/results', label: 'nav.results', permission: 'results.read', roles: ['officer', 'admin', 'monitor', 'auditor', 'lpa_staff', 'cso_staff'] },
  { to: '/audit', label: 'nav.audit', permission: 'audit.read' },
  { to: '/account-requests', label: 'nav.accountRequests', permission: 'accounts.approve' },
  { to: '/users', label: 'nav.users', permission: 'users.manage' },
];
