import { Anchor, Badge, Button, Group, Select, Stack, Table, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { qs, inLanguage } from '../../api/client';
import { useSession } from '../../api/session';
import { LEGAL_FORMS, ORG_STATUSES, TARGET_GROUPS, useDistricts, useOrganisations } from '../../api/registry';
import { CursorPager } from '../../components/CursorPager';
import { ImportDialog } from './ImportDialog';

export function OrganisationsPage() {
  const { t } = useTranslation();
  const { can, session } = useSession();
  const [params, setParams] = useSearchParams();
  const [stack, setStack] = useState<string[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  const districts = useDistricts();
  const filters = {
    q: params.get('q') ?? '', district: params.get('district') ?? '', target_group: params.get('target_group') ?? '',
    status: params.get('status') ?? '', legal_form: params.get('legal_form') ?? '',
  };
  const setFilter = (k: string, v: string | null) => {
    const p = new URLSearchParams(params);
    if (v) p.set(k, v); else p.delete(k);
    setParams(p, { replace: true });
    setStack([]); setCursor(null);
  };
  const list = useOrganisations({ ...filters, limit: 25, cursor });
  const districtName = (code: string) => districts.data?.find((d) => d.code === code)?.name ?? code;
  const exportHref = inLanguage(`/api/v1/organisations.xlsx${qs(filters)}`);
  const mayCreate = can('organisations.write') && session!.user.role !== 'cso_staff';

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t('org.title')}</Title>
        <Group>
          <Button component="a" href={exportHref} variant="default">{t('common.export')}</Button>
          {can('organisations.import') && <Button variant="default" onClick={() => setImporting(true)}>{t('common.import')}</Button>}
          {mayCreate && <Button component={Link} to="/organisations/new">{t('org.new')}</Button>}
        </Group>
      </Group>
      <Group grow align="flex-end">
        <TextInput label={t('common.search')} placeholder={t('org.search')} defaultValue={filters.q}
          onChange={(e) => setFilter('q', e.currentTarget.value)} />
        <Select label={t('common.district')} clearable searchable value={filters.district || null} onChange={(v) => setFilter('district', v)}
          data={(districts.data ?? []).map((d) => ({ value: d.code, label: d.name }))} />
        <Select label={t('org.target_groups')} clearable value={filters.target_group || null} onChange={(v) => setFilter('target_group', v)}
          data={TARGET_GROUPS.map((g) => ({ value: g, label: t(`target_group.${g}`) }))} />
        <Select label={t('org.status')} clearable value={filters.status || null} onChange={(v) => setFilter('status', v)}
          data={ORG_STATUSES.map((s) => ({ value: s, label: t(`org_status.${s}`) }))} />
        <Select label={t('org.legal_form')} clearable value={filters.legal_form || null} onChange={(v) => setFilter('legal_form', v)}
          data={LEGAL_FORMS.map((s) => ({ value: s, label: t(`legal_form.${s}`) }))} />
      </Group>
      <Table striped highlightOnHover withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('org.name')}</Table.Th><Table.Th>{t('org.idno')}</Table.Th><Table.Th>{t('org.district')}</Table.Th>
            <Table.Th>{t('org.legal_form')}</Table.Th><Table.Th>{t('org.target_groups')}</Table.Th><Table.Th w={120}>{t('org.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.data?.items.map((o) => (
            <Table.Tr key={o.id}>
              <Table.Td><Anchor component={Link} to={`/organisations/${o.id}`}>{o.name}</Anchor></Table.Td>
              <Table.Td ff="monospace">{o.idno}</Table.Td>
              <Table.Td>{districtName(o.district)}</Table.Td>
              <Table.Td>{t(`legal_form.${o.legal_form}`)}</Table.Td>
              <Table.Td>{o.target_groups.map((g) => t(`target_group.${g}`)).join(', ')}</Table.Td>
              <Table.Td><Badge color={o.status === 'active' ? 'teal.9' : 'gray.7'} variant="filled">{t(`org_status.${o.status}`)}</Badge></Table.Td>
            </Table.Tr>
          ))}
          {list.data && list.data.items.length === 0 && <Table.Tr><Table.Td colSpan={6}>{t('common.none')}</Table.Td></Table.Tr>}
        </Table.Tbody>
      </Table>
      {list.data && (
        <CursorPager total={list.data.total} stack={stack} next={list.data.next_cursor}
          onPrev={() => { const s = [...stack]; const prev = s.pop() ?? null; setStack(s); setCursor(prev === '' ? null : prev); }}
          onNext={(c) => { setStack([...stack, cursor ?? '']); setCursor(c); }} />
      )}
      {importing && <ImportDialog onClose={() => { setImporting(false); list.refetch(); }} />}
    </Stack>
  );
}
