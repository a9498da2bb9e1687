import { Alert, Anchor, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';

// An address the product does not have: said so, with the way home.
export function NotFoundPage() {
  const { t } = useTranslation();
  const loc = useLocation();
  return (
    <Stack maw={640}>
      <Alert color="red" role="alert" title={t('page.notFound')} data-testid="not-found">
        {t('page.notFoundHelp', { path: loc.pathname })}
      </Alert>
      <Anchor component={Link} to="/">{t('page.home')}</Anchor>
    </Stack>
  );
}
