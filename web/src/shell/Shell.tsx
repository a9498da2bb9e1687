import { AppShell, Avatar, Burger, Button, Group, Menu, NavLink, Text, Title, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import { useSession } from '../api/session';
import { LANGUAGE_NAMES, LANGUAGES } from '../i18n';
import { navItems } from './nav';
import { NotificationsBell } from './NotificationsBell';
import { PasswordDialog } from './PasswordDialog';

function LanguageMenu() {
  const { t, i18n } = useTranslation();
  return (
    <Menu position="bottom-end">
      <Menu.Target>
        <Button variant="default" size="sm" aria-label={t('lang.label')} data-testid="language-menu" px="xs">
          <span className="lang-code">{i18n.language.toUpperCase()}</span>
          <span className="lang-name">{LANGUAGE_NAMES[i18n.language]}</span>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {LANGUAGES.map((l) => (
          <Menu.Item key={l} lang={l} onClick={() => i18n.changeLanguage(l)} fw={l === i18n.language ? 700 : 400}>{LANGUAGE_NAMES[l]}</Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

export function Shell({ children }: { children: ReactNode }) {
  const [opened, { toggle, close }] = useDisclosure();
  const [pwOpen, pw] = useDisclosure(false);
  const { t } = useTranslation();
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
            <LanguageMenu />
            <NotificationsBell />
            <Menu position="bottom-end">
              <Menu.Target>
                <UnstyledButton aria-label={session!.user.name} data-testid="user-menu" style={{ minHeight: 44, display: 'flex', alignItems: 'center' }}>
                  <Avatar name={session!.user.name} color="teal.9" variant="filled" size={36} hiddenFrom="md" />
                  <div className="user-name">
                    <Text size="sm" fw={600} visibleFrom="md">{session!.user.name}</Text>
                    <Text size="xs" c="dimmed" visibleFrom="md">{t(`role.${session!.user.role}`)}</Text>
                  </div>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{session!.user.name} · {t(`role.${session!.user.role}`)}</Menu.Label>
                <Menu.Item onClick={pw.open}>{t('user.changePassword')}</Menu.Item>
                <Menu.Item component={Link} to="/tokens">{t('user.tokens')}</Menu.Item>
                {can('webhooks.manage') && <Menu.Item component={Link} to="/webhooks">{t('user.webhooks')}</Menu.Item>}
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
            onClick={close}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>{children}</AppShell.Main>
      <PasswordDialog opened={pwOpen} onClose={pw.close} />
    </AppShell>
  );
}
