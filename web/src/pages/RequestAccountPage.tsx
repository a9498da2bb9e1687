import { Alert, Anchor, Button, Grid, Paper, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { post } from '../api/client';
import { useDistricts } from '../api/registry';
import { useSubmit } from '../components/useSubmit';
import { PublicFrame } from './LoginPage';

// Signed out: a CSO asks for an account for its organisation; the programme's officers check the IDNO
// against the registry and approve it, and the account's first password comes by e-mail.
export function RequestAccountPage() {
  const { t, i18n } = useTranslation();
  const districts = useDistricts();
  const [v, setV] = useState({ organisation_name: '', idno: '', district: '', contact_name: '', email: '', phone: '', message: '' });
  const { errors, error, busy, submit: send } = useSubmit();
  const [sent, setSent] = useState(false);
  const set = (k: keyof typeof v, x: string) => setV({ ...v, [k]: x });
  const submit = () => send(() => {
    const body = Object.fromEntries(Object.entries(v).filter(([, x]) => x !== ''));
    return post('/api/v1/account-requests', { ...body, language: i18n.language });
  }, () => setSent(true));
  return (
    <PublicFrame>
      <Paper withBorder shadow="sm" p="xl" w={760} maw="100%" mx="auto">
        <form noValidate onSubmit={(e) => { e.preventDefault(); submit(); }}>
          <Stack>
            <Title order={2} size="h3">{t('ask.account.title')}</Title>
            {sent ? <Alert color="teal" role="status" data-testid="request-sent">{t('ask.account.sent')}</Alert> : (
              <>
                <Text size="sm">{t('ask.account.help')}</Text>
                {error && <Alert color="red" role="alert">{error}</Alert>}
                <Grid>
                  <Grid.Col span={{ base: 12, sm: 8 }}><TextInput label={t('org.name')} required value={v.organisation_name} onChange={(e) => set('organisation_name', e.currentTarget.value)} error={errors.organisation_name} /></Grid.Col>
                  <Grid.Col span={{ base: 12, sm: 4 }}><TextInput label={t('org.idno')} required inputMode="numeric" maxLength={13} value={v.idno} onChange={(e) => set('idno', e.currentTarget.value.replace(/\D/g, ''))} error={errors.idno} /></Grid.Col>
                  <Grid.Col span={{ base: 12, sm: 6 }}>
                    <Select label={t('org.district')} required searchable value={v.district || null} onChange={(x) => set('district', x ?? '')} error={errors.district}
                      data={(districts.data ?? []).map((d) => ({ value: d.code, label: d.name }))} />
                  </Grid.Col>
                  <Grid.Col span={{ base: 12, sm: 6 }}><TextInput label={t('ask.account.contact')} required value={v.contact_name} onChange={(e) => set('contact_name', e.currentTarget.value)} error={errors.contact_name} /></Grid.Col>
                  <Grid.Col span={{ base: 12, sm: 6 }}><TextInput label={t('login.email')} type="email" required value={v.email} onChange={(e) => set('email', e.currentTarget.value)} error={errors.email} /></Grid.Col>
                  <Grid.Col span={{ base: 12, sm: 6 }}><TextInput label={t('org.phone')} value={v.phone} onChange={(e) => set('phone', e.currentTarget.value)} error={errors.phone} /></Grid.Col>
                  <Grid.Col span={12}><Textarea label={t('ask.account.message')} autosize minRows={3} value={v.message} onChange={(e) => set('message', e.currentTarget.value)} error={errors.message} /></Grid.Col>
                </Grid>
                <Button type="submit" loading={busy}>{t('ask.account.send')}</Button>
              </>
            )}
            <Anchor component={Link} to="/" size="sm">{t('password.back')}</Anchor>
          </Stack>
        </form>
      </Paper>
    </PublicFrame>
  );
}
