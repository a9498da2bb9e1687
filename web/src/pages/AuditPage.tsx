import { Button, Code, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchAnswer, keyOf } from '../api/queries';

// Differences between before and after, one line per changed field.
function changes(before: unknown, after: unknown): [string, unknown, unknown][] {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => !['version', 'updated_at', 'created_at'].includes(k));
  return keys.filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k])).map((k) => [k, b[k], a[k]]);
}
const show = (v: unknown) => (v === undefined || v === null ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v));

export function AuditPage() {
  const { t } = useTranslation();
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
        <Select label={t('audit.entity')} clearable value={entity} onChange={setEntity}
          data={['organisation', 'authority', 'partnership', 'document', 'user', 'registry']} />
        <Select label={t('audit.action')} clearable value={action} onChange={setAction}
          data={['create', 'update', 'archive', 'attach', 'import', 'login', 'login_failed', 'lock', 'unlock', 'logout', 'password_change', 'password_reset']} />
        <TextInput type="date" label={t('audit.from')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
        <TextInput type="date" label={t('audit.to')} value={to} onChange={(e) => setTo(e.currentTarget.value)} />
      </Group>
      <Table withTableBorder striped>
        <Table.Thead><Table.Tr><Table.Th>{t('audit.at')}</Table.Th><Table.Th>{t('audit.user')}</Table.Th><Table.Th>{t('audit.action')}</Table.Th><Table.Th>{t('audit.entity')}</Table.Th><Table.Th>{t('audit.summary')}</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {rows.map((e) => {
            const diff = changes(e.before, e.after);
            return (
              <Fragment key={e.id}>
                <Table.Tr>
                  <Table.Td><Text size="sm" ff="monospace">{e.at.replace('T', ' ').replace('Z', '')}</Text></Table.Td>
                  <Table.Td>{e.user_email}</Table.Td>
                  <Table.Td>{e.action}</Table.Td>
                  <Table.Td>{e.entity}{e.entity_id ? ` #${e.entity_id}` : ''}</Table.Td>
                  <Table.Td>
                    {e.summary}{' '}
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
