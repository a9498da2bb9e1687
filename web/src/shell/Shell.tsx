import { AppShell, Burger, Group, Menu, NavLink, SegmentedControl, Text, Title, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import { useSession } from '../api/session';
import { LANGUAGES } from '../i18n';
import { navItems } from './nav';
import { NotificationsBell } from './NotificationsBell';
import { PasswordDialog } from './PasswordDialog';

export function Shell({ children }: { children: ReactNode }) {
  const [opened, { toggle }] = useDisclosure();
  const [pwOpen, pw] = useDisclosure(false);
  const { t, i18n } = useTranslation();
  const { session, logout, can } = useSession();
  const loc = useLocation();
  const items = navItems.filter((n) => (!n.permission || can(n.permission)) && (!n.roles || n.roles.includes(session!.user.role)));
  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.main')} />
            <Title order={3} c="teal.9">{t('app.name')}</Title>
          </Group>
          <Group wrap="nowrap">
            <SegmentedControl
              aria-label={t('lang.label')}
              size="xs"
              value={i18n.language}
              onChange={(l) => i18n.changeLanguage(l)}
              data={LANGUAGES.map((l) => ({ value: l, label: l.toUpperCase() }))}
            />
            <NotificationsBell />
            <Menu position="bottom-end">
              <Menu.Target>
                <UnstyledButton aria-label={session!.user.name} data-testid="user-menu">
                  <Text size="sm" fw={600}>{session!.user.name}</Text>
                  <Text size="xs" c="dimmed">{t(`role.${session!.user.role}`)}</Text>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item onClick={pw.open}>{t('user.changePassword')}</Menu.Item>
                <Menu.Item color="red" onClick={() => logout()}>{t('user.logout')}</Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label={t('nav.main')}>
        {items.map((n) => (
          <NavLink
            key={n.to}
            component={Link}
            to={n.to}
            label={t(n.label)}
            variant="filled"
            color="teal.9"
            active={n.to === '/' ? loc.pathname === '/' : loc.pathname.startsWith(n.to)}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>{children}</AppShell.Main>
      <PasswordDialog opened={pwOpen} onClose={pw.close} />
    </AppShell>
  );
}
