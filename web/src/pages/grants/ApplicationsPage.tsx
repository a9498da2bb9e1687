import { Group, Pagination, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useSession } from '../../api/session';
import { ApplicationsTable } from './CallPage';
import { useApplications, useCall, useCalls } from '../../api/grants';

const PAGE = 25;

// The applications the user may see: their organisation's, those naming their authority, or (officers)
// all submitted; by call and status, a search by title, number or applicant, a page at a time.
export function ApplicationsPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? '';
  const callId = params.get('call_id') ?? '';
  const search = (params.get('q') ?? '').trim().toLocaleLowerCase();
  const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
  const set = (k: string, v: string | null) => {
    const p = new URLSearchParams(params);
    if (v) p.set(k, v); else p.delete(k);
    if (k !== 'page') p.delete('page');
    setParams(p, { replace: true });
  };
  const list = useApplications({ status, call_id: callId || undefined });
  const calls = useCalls();
  const call = useCall(callId || undefined, !!callId);
  const role = session!.user.role;
  const items = (list.data?.items ?? []).filter((a) => !search || [a.title, a.number, a.organisation_name].some((x) => (x ?? '').toLocaleLowerCase().includes(search)));
  const awaiting = role === 'lpa_staff' ? items.filter((a) => !a.confirmed && a.status !== 'withdrawn').length : 0;
  const pages = Math.max(1, Math.ceil(items.length / PAGE));
  const shown = items.slice((Math.min(page, pages) - 1) * PAGE, Math.min(page, pages) * PAGE);
  return (
    <Stack>
      <Title order={1}>{t('appl.title')}</Title>
      {role === 'lpa_staff' && <Text>{t('appl.lpaHelp', { n: awaiting })}</Text>}
      <Group align="flex-end">
        <Select label={t('portfolio.call')} clearable searchable w={240} placeholder={t('portfolio.whole')} value={callId || null} onChange={(v) => set('call_id', v)}
          data={(calls.data?.items ?? []).map((c) => ({ value: String(c.id), label: c.code }))} data-testid="applications-call" />
        <Select label={t('common.status')} clearable w={200} value={status || null} onChange={(v) => set('status', v)}
          data={['draft', 'submitted', 'withdrawn'].map((s) => ({ value: s, label: t(`app_status.${s}`) }))} />
        <TextInput label={t('common.search')} placeholder={t('appl.searchHelp')} w={280} value={params.get('q') ?? ''} onChange={(e) => set('q', e.currentTarget.value)} />
      </Group>
      <ApplicationsTable items={shown} lots={call.data?.lots} />
      <Group justify="space-between">
        <Text size="sm" c="dimmed" data-testid="total">{t('common.total', { count: items.length })}</Text>
        {pages > 1 && <Pagination total={pages} value={Math.min(page, pages)} onChange={(p) => set('page', String(p))} size="sm" />}
      </Group>
    </Stack>
  );
}
