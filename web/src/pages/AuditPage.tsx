import { Button, Code, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchAnswer, keyOf } from '../api/queries';
import { DateField } from '../components/DateField';
import { useFormat } from '../format';

// Differences between before and after, one line per changed field.
function changes(before: unknown, after: unknown): [string, unknown, unknown][] {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => !['version', 'updated_at', 'created_at'].includes(k));
  return keys.filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k])).map((k) => [k, b[k], a[k]]);
}
const show = (v: unknown) => (v === undefined || v === null ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v));

// The trail's words in the user's language: what was done, to what (the code itself when new).
const ACTIONS = ['create', 'update', 'archive', 'attach', 'import', 'login', 'login_failed', 'lock', 'unlock', 'logout', 'password_change',
  'password_reset', 'read', 'publish', 'submit', 'decide', 'sign', 'pay', 'approve', 'return', 'enrol', 'refer', 'accept_referral',
  'save_month', 'anonymise', 'demo'];
const ENTITIES = ['organisation', 'authority', 'partnership', 'document', 'user', 'call', 'application', 'evaluation', 'agreement', 'report',
  'service', 'person', 'referral', 'registry'];

export function AuditPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const actionName = (a: string) => t(`audit.actions.${a}`, { defaultValue: a });
  const entityName = (x: string) => t(`audit.entities.${x}`, { defaultValue: x });
  // The trail's fixed sentences in the user's language; names, numbers and codes stay as written.
  const summaryOf = (s: string) => {
    const from = /^(failed sign-in from|locked from) (\S+)/.exec(s);
    if (from) return t(from[1] === 'locked from' ? 'audit.summaries.locked' : 'audit.summaries.failed', { ip: from[2] });
    const demo = /^demo data loaded \((programme|national) scale\): (.*)$/.exec(s);
    if (demo) return t('audit.summaries.demoLoaded', { what: demo[2] });
    return t(`audit.summaries.${s}`, { defaultValue: s });
  };
  const [entity, setEntity] = useState<string | null>(null);
  const [action, setAction] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [open, setOpen] = useState<number | null>(null);
  const q = useInfiniteQuery({
    queryKey: keyOf('/api/v1/audit', { query: { entity, action, from, to } }),
    queryFn: ({ pageParam }) => fetchAnswer('/api/v1/audit', { query: { entity, action, from, to, cursor: pageParam, limit: 50 } }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
  });
  const rows = q.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack>
      <Title order={1}>{t('audit.title')}</Title>
      <Group grow align="flex-end">
        <Select label={t('audit.entity')} clearable searchable value={entity} onChange={setEntity}
          data={ENTITIES.map((x) => ({ value: x, label: entityName(x) }))} />
        <Select label={t('audit.action')} clearable searchable value={action} onChange={setAction}
          data={ACTIONS.map((x) => ({ value: x, label: actionName(x) }))} />
        <DateField label={t('audit.from')} value={from} onChange={(d) => setFrom(d)} />
        <DateField label={t('audit.to')} value={to} onChange={(d) => setTo(d)} />
      </Group>
      <Table withTableBorder striped>
        <Table.Thead><Table.Tr><Table.Th>{t('audit.at')}</Table.Th><Table.Th>{t('audit.user')}</Table.Th><Table.Th>{t('audit.action')}</Table.Th><Table.Th>{t('audit.entity')}</Table.Th><Table.Th>{t('audit.summary')}</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {rows.map((e) => {
            const diff = changes(e.before, e.after);
            return (
              <Fragment key={e.id}>
                <Table.Tr>
                  <Table.Td><Text size="sm" style={{ whiteSpace: 'nowrap' }}>{fmt.dateTime(e.at)}</Text></Table.Td>
                  <Table.Td>{e.user_email}</Table.Td>
                  <Table.Td>{actionName(e.action)}</Table.Td>
                  <Table.Td>{entityName(e.entity)}{e.entity_id ? ` #${e.entity_id}` : ''}</Table.Td>
                  <Table.Td>
                    {summaryOf(e.summary)}{' '}
                    {diff.length > 0 && <Button size="compact-xs" variant="default" onClick={() => setOpen(open === e.id ? null : e.id)}>{t('audit.changes')} ({diff.length})</Button>}
                  </Table.Td>
                </Table.Tr>
                {open === e.id && (
                  <Table.Tr>
                    <Table.Td colSpan={5}>
                      <Table>
                        <Table.Thead><Table.Tr><Table.Th>{t('conflict.field')}</Table.Th><Table.Th>{t('audit.before')}</Table.Th><Table.Th>{t('audit.after')}</Table.Th></Table.Tr></Table.Thead>
                        <Table.Tbody>
                          {diff.map(([k, b, a]) => <Table.Tr key={k}><Table.Td>{k}</Table.Td><Table.Td><Code>{show(b)}</Code></Table.Td><Table.Td><Code>{show(a)}</Code></Table.Td></Table.Tr>)}
                        </Table.Tbody>
                      </Table>
                    </Table.Td>
                  </Table.Tr>
                )}
              </Fragment>
            );
          })}
        </Table.Tbody>
      </Table>
      {q.hasNextPage && <Button variant="default" onClick={() => q.fetchNextPage()} loading={q.isFetchingNextPage}>{t('audit.more')}</Button>}
    </Stack>
  );
}
