import { Alert, Anchor, Button, Grid, Group, List, Paper, PasswordInput, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError } from '../api/client';
import { usePublicSettings } from '../api/platform';
import { useSession } from '../api/session';
import { LANGUAGE_NAMES, LANGUAGES } from '../i18n';
import { fieldErrors } from '../components/FormErrors';

// The frame of every signed-out page: the product's name, the language switch, the page.
export function PublicFrame({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  return (
    <Stack mih="100vh" bg="gray.0" p={{ base: 'md', md: 'xl' }} component="main" gap="lg">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Anchor component={Link} to="/" underline="never"><Title order={1} c="teal.9" size="h2">{t('app.name')}</Title></Anchor>
        <SegmentedControl aria-label={t('lang.label')} value={i18n.language} onChange={(l) => i18n.changeLanguage(l)} size="xs"
          data={LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }))} />
      </Group>
      {children}
    </Stack>
  );
}

// The public landing page: what socialpact is and who runs it, with the sign-in form beside it, the
// way to a forgotten password (where e-mail is configured) and to ask for an organisation's account.
export function LoginPage() {
  const { t } = useTranslation();
  const { login } = useSession();
  const settings = usePublicSettings();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setBusy(true); setError(null); setFields({});
    try {
      await login(email, password);
    } catch (e) {
      if (e instanceof ApiError && e.status === 422) setFields(fieldErrors(e, t));
      else if (e instanceof ApiError && e.status === 423) setError(t('login.locked'));
      else if (e instanceof ApiError && e.status === 429) setError(t('login.throttled'));
      else setError(t('login.failed'));
    } finally { setBusy(false); }
  };

  return (
    <PublicFrame>
      <Grid gap="xl" maw={1200} w="100%" mx="auto">
        <Grid.Col span={{ base: 12, md: 7 }} order={{ base: 2, md: 1 }}>
          <Stack>
            <Title order={2} size="h1">{t('app.tagline')}</Title>
            <Text size="lg">{t('landing.what')}</Text>
            <List spacing="xs">
              <List.Item>{t('landing.grants')}</List.Item>
              <List.Item>{t('landing.services')}</List.Item>
              <List.Item>{t('landing.people')}</List.Item>
              <List.Item>{t('landing.results')}</List.Item>
            </List>
            <Title order={2} size="h4" mt="md">{t('landing.whoTitle')}</Title>
            <Text>{t('landing.who')}</Text>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }} order={{ base: 1, md: 2 }}>
          <Paper withBorder shadow="sm" p="xl">
            <form noValidate onSubmit={(e) => { e.preventDefault(); submit(); }}>
              <Stack>
                <Title order={2} size="h3">{t('login.title')}</Title>
                {error && <Alert color="red" role="alert">{error}</Alert>}
                <TextInput label={t('login.email')} type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={fields.email} required />
                <PasswordInput label={t('login.password')} autoComplete="current-password" value={password} onChange={(e) => setPassword(e.currentTarget.value)} error={fields.password} required />
                <Button type="submit" loading={busy}>{t('login.submit')}</Button>
                {settings.data?.password_by_email && <Anchor component={Link} to="/forgot-password" size="sm">{t('landing.forgot')}</Anchor>}
                <Anchor component={Link} to="/request-account" size="sm">{t('landing.ask')}</Anchor>
                <Text size="xs" c="dimmed">{t('login.demo')}</Text>
              </Stack>
            </form>
          </Paper>
        </Grid.Col>
      </Grid>
    </PublicFrame>
  );
}
