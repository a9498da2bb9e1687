import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSession } from '../api/session';

export function HomePage() {
  const { t } = useTranslation();
  const { session } = useSession();
  return (
    <Stack>
      <Title order={1}>{t('home.welcome', { name: session!.user.name })}</Title>
      <Text c="dimmed">{t('app.tagline')}</Text>
    </Stack>
  );
}
