import { Alert, Anchor, Button, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { post } from '../api/client';
import { useSubmit } from '../components/useSubmit';
import { PublicFrame } from './LoginPage';

// "Forgot password": the address, and the same answer whether or not an account has it.
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const { errors, error, submit: send } = useSubmit();
  const submit = () => send(() => post('/api/v1/password/forgotten', { email }), () => setSent(true));
  return (
    <PublicFrame>
      <Paper withBorder shadow="sm" p="xl" w={460} maw="100%" mx="auto">
        <form noValidate onSubmit={(e) => { e.preventDefault(); submit(); }}>
          <Stack>
            <Title order={2} size="h3">{t('password.forgotTitle')}</Title>
            {sent ? <Alert color="teal" role="status" data-testid="forgot-sent">{t('password.sent')}</Alert> : (
              <>
                <Text size="sm">{t('password.forgotHelp')}</Text>
                {error && !Object.keys(errors).length && <Alert color="red" role="alert">{error}</Alert>}
                <TextInput label={t('login.email')} type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={errors.email} />
                <Button type="submit">{t('password.send')}</Button>
              </>
            )}
            <Anchor component={Link} to="/" size="sm">{t('password.back')}</Anchor>
          </Stack>
        </form>
      </Paper>
    </PublicFrame>
  );
}

// The page an e-mailed link opens (/password#token=…): a new password, once.
export function NewPasswordPage() {
  const { t } = useTranslation();
  const nav = useNavigate();
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '';
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [done, setDone] = useState(false);
  const { errors, error: sentence, submit: send, refuse } = useSubmit();
  // A refused token is the whole page's problem, not a field's.
  const error = errors.token ?? sentence;
  const submit = () => {
    if (password !== again) { refuse('again', t('password.mismatch')); return; }
    return send(() => post('/api/v1/password/new', { token, new_password: password }), () => {
      setDone(true);
      window.history.replaceState(null, '', '/password');  // the used token leaves the address bar
    });
  };
  return (
    <PublicFrame>
      <Paper withBorder shadow="sm" p="xl" w={460} maw="100%" mx="auto">
        <form noValidate onSubmit={(e) => { e.preventDefault(); submit(); }}>
          <Stack>
            <Title order={2} size="h3">{t('password.newTitle')}</Title>
            {done ? (
              <>
                <Alert color="teal" role="status" data-testid="password-set">{t('password.set')}</Alert>
                <Button onClick={() => nav('/')}>{t('login.submit')}</Button>
              </>
            ) : (
              <>
                {!token && <Alert color="red" role="alert">{t('password.noToken')}</Alert>}
                {error && <Alert color="red" role="alert">{error}</Alert>}
                <PasswordInput label={t('user.newPassword')} autoComplete="new-password" required value={password} onChange={(e) => setPassword(e.currentTarget.value)} error={errors.new_password} description={t('password.rules')} />
                <PasswordInput label={t('password.again')} autoComplete="new-password" required value={again} onChange={(e) => setAgain(e.currentTarget.value)} error={errors.again} />
                <Button type="submit" disabled={!token}>{t('password.save')}</Button>
                <Anchor component={Link} to="/forgot-password" size="sm">{t('password.askAgain')}</Anchor>
              </>
            )}
          </Stack>
        </form>
      </Paper>
    </PublicFrame>
  );
}
