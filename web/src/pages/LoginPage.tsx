import { Alert, Button, Center, Paper, PasswordInput, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { useSession } from '../api/session';
import { LANGUAGES } from '../i18n';
import { fieldErrors } from '../components/FormErrors';

export function LoginPage() {
  const { t, i18n } = useTranslation();
  const { login } = useSession();
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
    <Center mih="100vh" bg="gray.0" component="main">
      <Paper withBorder shadow="sm" p="xl" w={400} maw="95vw">
        <form noValidate onSubmit={(e) => { e.preventDefault(); submit(); }}>
          <Stack>
            <div>
              <Title order={1} c="teal.9">{t('app.name')}</Title>
              <Text size="sm" c="dimmed">{t('app.tagline')}</Text>
            </div>
            <Title order={2} size="h3">{t('login.title')}</Title>
            {error && <Alert color="red" role="alert">{error}</Alert>}
            <TextInput label={t('login.email')} type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={fields.email} required />
            <PasswordInput label={t('login.password')} autoComplete="current-password" value={password} onChange={(e) => setPassword(e.currentTarget.value)} error={fields.password} required />
            <Button type="submit" loading={busy}>{t('login.submit')}</Button>
            <SegmentedControl aria-label={t('lang.label')} value={i18n.language} onChange={(l) => i18n.changeLanguage(l)}
              data={LANGUAGES.map((l) => ({ value: l, label: t(`lang.${l}`) }))} />
            <Text size="xs" c="dimmed">{t('login.demo')}</Text>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
