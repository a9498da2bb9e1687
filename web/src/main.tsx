import React, { useMemo, type ReactNode } from 'react';
import ReactDOM from 'react-dom/client';
import { MantineProvider, createTheme, type CSSVariablesResolver } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { StaleDialogHost } from './components/StaleDialog';
import { ConfirmHost } from './components/Confirm';
import { DatesLocale } from './components/DateField';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter } from 'react-router-dom';
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/dates/styles.css';
import './app.css';
import { useTranslation } from 'react-i18next';
import './i18n';
import { SessionProvider } from './api/session';
import { App } from './App';

// Shade 9 and darker "dimmed" text: WCAG AA contrast (4.5:1) for white-on-primary and secondary text.
// Every close button (dialogs, notifications) is named in the current language, for screen readers.
function ThemedProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const theme = useMemo(() => {
    const close = { closeButtonProps: { 'aria-label': t('common.close') } };
    return createTheme({
      primaryColor: 'teal',
      primaryShade: 9,
      defaultRadius: 'md',
      fontFamily: 'DejaVu Sans, Liberation Sans, Arial, sans-serif',
      components: { Modal: { defaultProps: close }, Notification: { defaultProps: close } },
    });
  }, [t]);
  return <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}><DatesLocale>{children}</DatesLocale></MantineProvider>;
}
const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)', '--mantine-color-error': 'var(--mantine-color-red-9)' },
  dark: {},
});
const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } });

ReactDOM.createRoot(document.getElementById('root')!).render(
  <React.StrictMode>
    <ThemedProvider>
      <Notifications className="sp-toasts" />
      <QueryClientProvider client={queryClient}>
        <StaleDialogHost />
        <ConfirmHost />
        <BrowserRouter>
          <SessionProvider>
            <App />
          </SessionProvider>
        </BrowserRouter>
      </QueryClientProvider>
    </ThemedProvider>
  </React.StrictMode>,
);
