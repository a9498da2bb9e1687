import { Anchor, Button, Group, Select, Stack, Table, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { qs, inLanguage } from '../../api/client';
import { useSession } from '../../api/session';
import { AUTHORITY_KINDS, useDistricts, useAuthorities } from '../../api/registry';
import { CursorPager } from '../../components/CursorPager';

export function AuthoritiesPage() {
  const { t } = useTranslation();
  const { can, session } = useSession();
  const [params, setParams] = useSearchParams();
  const [stack, setStack] = useState<string[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const districts = useDistricts();
  const filters = { q: params.get('q') ?? '', district: params.get('district') ?? '', level: params.get('level') ?? '', kind: params.get('kind') ?? '' };
  const setFilter = (k: string, v: string | null) => {
    const p = new URLSearchParams(params);
    if (v) p.set(k, v); else p.delete(k);
    setParams(p, { replace: true }); setStack([]); setCursor(null);
  };
  const list = useAuthorities({ ...filters, limit: 25, cursor });
  const districtName = (code: string | null) => (code ? districts.data?.find((d) => d.code === code)?.name ?? code : '—');
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t('auth.title')}</Title>
        <Group>
          <Button component="a" href={inLanguage(`/api/v1/authorities.xlsx${qs(filters)}`)} variant="default">{t('common.export')}</Button>
          {can('authorities.write') && session!.user.role !== 'lpa_staff' && <Button component={Link} to="/authorities/new">{t('auth.new')}</Button>}
        </Group>
      </Group>
      <Group grow align="flex-end">
        <TextInput label={t('common.search')} placeholder={t('auth.search')} defaultValue={filters.q} onChange={(e) => setFilter('q', e.currentTarget.value)} />
        <Select label={t('common.district')} clearable searchable value={filters.district || null} onChange={(v) => setFilter('district', v)}
          data={(districts.data ?? []).map((d) => ({ value: d.code, label: d.name }))} />
        <Select label={t('auth.level')} clearable value={filters.level || null} onChange={(v) => setFilter('level', v)}
          data={['local', 'district', 'central'].map((s) => ({ value: s, label: t(`authority_level.${s}`) }))} />
        <Select label={t('auth.kind')} clearable value={filters.kind || null} onChange={(v) => setFilter('kind', v)}
          data={AUTHORITY_KINDS.map((s) => ({ value: s, label: t(`authority_kind.${s}`) }))} />
      </Group>
      <Table striped highlightOnHover withTableBorder>
        <Table.Thead><Table.Tr><Table.Th>{t('auth.name')}</Table.Th><Table.Th>{t('auth.kind')}</Table.Th><Table.Th>{t('auth.level')}</Table.Th><Table.Th>{t('common.district')}</Table.Th><Table.Th>{t('auth.head_name')}</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {list.data?.items.map((a) => (
            <Table.Tr key={a.id}>
              <Table.Td><Anchor component={Link} to={`/authorities/${a.id}`}>{a.name}</Anchor></Table.Td>
              <Table.Td>{t(`authority_kind.${a.kind}`)}</Table.Td>
              <Table.Td>{t(`authority_level.${a.level}`)}</Table.Td>
              <Table.Td>{districtName(a.district)}</Table.Td>
              <Table.Td>{a.head_name ?? '—'}</Table.Td>
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
