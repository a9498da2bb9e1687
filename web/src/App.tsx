import { Center, Loader } from '@mantine/core';
import { Navigate, Route, Routes } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useSession } from './api/session';
import { Shell } from './shell/Shell';
import { LoginPage } from './pages/LoginPage';
import { HomePage } from './pages/HomePage';
import { moduleRoutes } from './pages/routes';

export function App() {
  const { session, loading } = useSession();
  const { t } = useTranslation();
  if (loading) return <Center h="100vh"><Loader aria-label={t('common.loading')} /></Center>;
  if (!session) return <LoginPage />;
  return (
    <Shell>
      <Routes>
        <Route path="/" element={<HomePage />} />
        {moduleRoutes.map((r) => <Route key={r.path} path={r.path} element={r.element} />)}
        <Route path="*" element={<Navigate to="/" replace />} />
      </Routes>
    </Shell>
  );
}
