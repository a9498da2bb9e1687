// Navigation per role: an item shows only when the user has its permission.
export interface NavItem { to: string; label: string; permission?: string }
export const navItems: NavItem[] = [
  { to: '/', label: 'nav.home' },
];
