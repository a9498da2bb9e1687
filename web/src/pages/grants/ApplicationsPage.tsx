import { Group, Select, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useSession } from '../../api/session';
import { ApplicationsTable } from './CallPage';
import { useApplications } from '../../api/grants';

// The applications the user may see: their organisation's, those naming their authority, or (officers) all submitted.
export function ApplicationsPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? '';
  const list = useApplications({ status });
  const role = session!.user.role;
  const awaiting = role === 'lpa_staff' ? (list.data?.items ?? []).filter((a) => !a.confirmed && a.status !== 'withdrawn').length : 0;
  return (
    <Stack>
      <Title order={1}>{t('appl.title')}</Title>
      {role === 'lpa_staff' && <Text>{t('appl.lpaHelp', { n: awaiting })}</Text>}
      <Group>
        <Select label={t('common.status')} clearable w={240} value={status || null} onChange={(v) => setParams(v ? { status: v } : {}, { replace: true })}
          data={['draft', 'submitted', 'withdrawn'].map((s) => ({ value: s, label: t(`app_status.${s}`) }))} />
      </Group>
      <ApplicationsTable items={list.data?.items ?? []} />
    </Stack>
  );
}
