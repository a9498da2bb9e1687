import { Center, Loader } from '@mantine/core';
import { Route, Routes } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useSession } from './api/session';
import { Shell } from './shell/Shell';
import { LoginPage } from './pages/LoginPage';
import { ForgotPasswordPage, NewPasswordPage } from './pages/PasswordPages';
import { RequestAccountPage } from './pages/RequestAccountPage';
import { HomePage } from './pages/HomePage';
import { NotFoundPage } from './pages/NotFoundPage';
import { moduleRoutes } from './pages/routes';

export function App() {
  const { session, loading } = useSession();
  const { t } = useTranslation();
  if (loading) return <Center h="100vh"><Loader aria-label={t('common.loading')} /></Center>;
  if (!session) return (
    <Routes>
      <Route path="/forgot-password" element={<ForgotPasswordPage />} />
      <Route path="/password" element={<NewPasswordPage />} />
      <Route path="/request-account" element={<RequestAccountPage />} />
      <Route path="*" element={<LoginPage />} />
    </Routes>
  );
  return (
    <Shell>
      <Routes>
        <Route path="/" element={<HomePage />} />
        {moduleRoutes.map((r) => <Route key={r.path} path={r.path} element={r.element} />)}
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </Shell>
  );
}
