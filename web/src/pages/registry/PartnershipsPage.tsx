import { Anchor, Badge, Button, Group, Select, Stack, Table, TextInput, Title } from '@mantine/core';
import { useFormat } from '../../format';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { qs, inLanguage } from '../../api/client';
import { useSession } from '../../api/session';
import { PARTNERSHIP_STATUSES, useDistricts, usePartnerships } from '../../api/registry';
import { CursorPager } from '../../components/CursorPager';


export function PartnershipsPage() {
  const fmt = useFormat();
  const { t } = useTranslation();
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const [stack, setStack] = useState<string[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const districts = useDistricts();
  const filters = { q: params.get('q') ?? '', district: params.get('district') ?? '', status: params.get('status') ?? '' };
  const setFilter = (k: string, v: string | null) => {
    const p = new URLSearchParams(params);
    if (v) p.set(k, v); else p.delete(k);
    setParams(p, { replace: true }); setStack([]); setCursor(null);
  };
  const list = usePartnerships({ ...filters, limit: 25, cursor });
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t('pship.title')}</Title>
        <Group>
          <Button component="a" href={inLanguage(`/api/v1/partnerships.xlsx${qs(filters)}`)} variant="default">{t('pship.export')}</Button>
          {can('partnerships.write') && <Button component={Link} to="/partnerships/new">{t('pship.new')}</Button>}
        </Group>
      </Group>
      <Group grow align="flex-end">
        <TextInput label={t('common.search')} placeholder={t('pship.search')} defaultValue={filters.q} onChange={(e) => setFilter('q', e.currentTarget.value)} />
        <Select label={t('common.district')} clearable searchable value={filters.district || null} onChange={(v) => setFilter('district', v)}
          data={(districts.data ?? []).map((d) => ({ value: d.code, label: d.name }))} />
        <Select label={t('common.status')} clearable value={filters.status || null} onChange={(v) => setFilter('status', v)}
          data={PARTNERSHIP_STATUSES.map((s) => ({ value: s, label: t(`partnership_status.${s}`) }))} />
      </Group>
      <Table striped highlightOnHover withTableBorder>
        <Table.Thead><Table.Tr><Table.Th>{t('pship.name')}</Table.Th><Table.Th>{t('pship.organisations')}</Table.Th><Table.Th>{t('pship.authorities')}</Table.Th><Table.Th>{t('pship.starts_on')}</Table.Th><Table.Th w={120}>{t('common.status')}</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {list.data?.items.map((p) => (
            <Table.Tr key={p.id}>
              <Table.Td><Anchor component={Link} to={`/partnerships/${p.id}`}>{p.title}</Anchor></Table.Td>
              <Table.Td>{p.organisations.join('; ')}</Table.Td>
              <Table.Td>{p.authorities.join('; ')}</Table.Td>
              <Table.Td>{fmt.date(p.starts_on)}</Table.Td>
              <Table.Td><Badge variant="filled" color={p.status === 'active' ? 'teal.9' : 'gray.7'}>{t(`partnership_status.${p.status}`)}</Badge></Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {list.data && (
        <CursorPager total={list.data.total} stack={stack} next={list.data.next_cursor}
          onPrev={() => { const s = [...stack]; const prev = s.pop() ?? null; setStack(s); setCursor(prev === '' ? null : prev); }}
          onNext={(c) => { setStack([...stack, cursor ?? '']); setCursor(c); }} />
      )}
    </Stack>
  );
}
