// Navigation per role: an item shows only when the user has its permission.
export interface NavItem { to: string; label: string; permission?: string }
export const navItems: NavItem[] = [
  { to: '/', label: 'nav.home' },
  { to: '/organisations', label: 'nav.organisations', permission: 'registry.read' },
  { to: '/authorities', label: 'nav.authorities', permission: 'registry.read' },
  { to: '/partnerships', label: 'nav.partnerships', permission: 'registry.read' },
  { to: '/audit', label: 'nav.audit', permission: 'audit.read' },
  { to: '/users', label: 'nav.users', permission: 'users.manage' },
];
