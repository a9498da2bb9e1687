import { Anchor, Button, Group, Paper, Select, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { PURCHASE_STATUSES, useContracts, useNeedsList, usePlans, usePurchases } from '../../api/contracting';
import { useCostWords } from '../../api/costing';
import { useTr } from '../../api/grants';
import { useServiceTypes } from '../../api/services';
import { useDistricts } from '../../api/registry';
import { useSession } from '../../api/session';
import { DistrictMap } from '../../components/DistrictMap';
import { gate } from '../../components/Gate';
import { StatusBadge } from '../../components/StatusBadge';
import { useFormat } from '../../format';

const TABS = ['purchases', 'contracts', 'needs', 'plans'] as const;

// Social contracting: the purchases the reader may see (a provider: the published ones), the
// contracts, and an authority's needs assessments and purchase plans.
export function ContractingPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? params.get('tab')! : 'purchases';
  const set = (v: string | null) => {
    const next = new URLSearchParams(params);
    if (v) next.set('tab', v); else next.delete('tab');
    setParams(next, { replace: true });
  };
  return (
    <Stack>
      <Title order={1}>{t('contracting.title')}</Title>
      <Tabs value={tab} onChange={set} keepMounted={false}>
        <Tabs.List>
          {TABS.map((k) => <Tabs.Tab key={k} value={k} data-testid={`contracting-tab-${k}`}>{t(`contracting.tab_${k}`)}</Tabs.Tab>)}
        </Tabs.List>
        <Tabs.Panel value="purchases" pt="md"><Purchases /></Tabs.Panel>
        <Tabs.Panel value="contracts" pt="md"><Contracts /></Tabs.Panel>
        <Tabs.Panel value="needs" pt="md"><Needs /></Tabs.Panel>
        <Tabs.Panel value="plans" pt="md"><Plans /></Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function Purchases() {
  const { t } = useTranslation();
  const tr = useTr();
  const fmt = useFormat();
  const types = useServiceTypes();
  const [status, setStatus] = useState<string | null>(null);
  const q = usePurchases({ status, limit: 100 });
  const { lei } = useCostWords();
  const typeName = (code: string) => tr(types.data?.find((x) => x.code === code)?.name) || code;
  return (
    <Stack>
      <Group align="flex-end">
        <Select label={t('common.status')} placeholder={t('common.all')} clearable w={220} value={status} onChange={setStatus}
          data={PURCHASE_STATUSES.map((s) => ({ value: s, label: t(`purchase_status.${s}`) }))} />
      </Group>
      {gate(t, q) ?? (
        <Table.ScrollContainer minWidth={860}>
          <Table striped highlightOnHover withTableBorder data-testid="purchases">
            <Table.Thead><Table.Tr>
              <Table.Th>{t('contracting.number')}</Table.Th><Table.Th>{t('contracting.purchase')}</Table.Th><Table.Th>{t('contracting.authority')}</Table.Th>
              <Table.Th>{t('contracting.type')}</Table.Th><Table.Th ta="right">{t('contracting.ceiling')}</Table.Th>
              <Table.Th>{t('contracting.offerDeadline')}</Table.Th><Table.Th>{t('common.status')}</Table.Th>
            </Table.Tr></Table.Thead>
            <Table.Tbody>
              {(q.data?.items ?? []).map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>{p.number ?? '—'}</Table.Td>
                  <Table.Td><Anchor component={Link} to={`/contracting/purchases/${p.id}`}>{p.title}</Anchor></Table.Td>
                  <Table.Td>{p.authority_name}</Table.Td>
                  <Table.Td>{typeName(p.type_code)}</Table.Td>
                  <Table.Td ta="right">{lei(p.ceiling_minor)}</Table.Td>
                  <Table.Td>{p.offer_deadline ? fmt.dateTime(p.offer_deadline) : '—'}</Table.Td>
                  <Table.Td><StatusBadge group="purchase_status" value={p.status} /></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {!q.data?.items.length && <Text c="dimmed" mt="sm">{t('contracting.noPurchases')}</Text>}
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

function Contracts() {
  const { t } = useTranslation();
  const q = useContracts();
  const { lei } = useCostWords();
  const fmt = useFormat();
  return gate(t, q) ?? (
    <Table.ScrollContainer minWidth={820}>
      <Table striped withTableBorder data-testid="contracts">
        <Table.Thead><Table.Tr>
          <Table.Th>{t('contracting.number')}</Table.Th><Table.Th>{t('contracting.provider')}</Table.Th><Table.Th ta="right">{t('contracting.unitPrice')}</Table.Th>
          <Table.Th ta="right">{t('contracting.volumeUsed')}</Table.Th><Table.Th ta="right">{t('contracting.valueUsed')}</Table.Th><Table.Th>{t('common.status')}</Table.Th>
        </Table.Tr></Table.Thead>
        <Table.Tbody>
          {(q.data?.items ?? []).map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td><Anchor component={Link} to={`/contracting/contracts/${c.id}`}>{c.number ?? t('contracting.notNumbered')}</Anchor></Table.Td>
              <Table.Td>{c.organisation_name}</Table.Td>
              <Table.Td ta="right">{lei(c.unit_price_minor)}</Table.Td>
              <Table.Td ta="right">{fmt.number(c.volume_used)} / {fmt.number(c.max_volume)}</Table.Td>
              <Table.Td ta="right">{lei(c.value_used_minor)}</Table.Td>
              <Table.Td><StatusBadge group="contract_status" value={c.status} /></Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {!q.data?.items.length && <Text c="dimmed" mt="sm">{t('contracting.noContracts')}</Text>}
    </Table.ScrollContainer>
  );
}

function Needs() {
  const { t } = useTranslation();
  const q = useNeedsList();
  const fmt = useFormat();
  const nav = useNavigate();
  const { can, session } = useSession();
  const districts = useDistricts();
  const items = q.data?.items ?? [];
  // The newest assessment of each district, for the map.
  const latest = new Map<string, (typeof items)[number]>();
  for (const n of items) if (!latest.has(n.district) || latest.get(n.district)!.year < n.year) latest.set(n.district, n);
  const gapText = (n: (typeof items)[number]) => (n.gap_at_most ? `≤ ${fmt.number(n.gap_total)}` : fmt.number(n.gap_total));
  return gate(t, q) ?? (
    <Stack>
      {can('contracting.write') && session?.user.authority_id && (
        <Group><Button component={Link} to="/contracting/needs/new" data-testid="needs-new">{t('districtNeeds.new')}</Button></Group>
      )}
      {latest.size > 1 && districts.data && (
        <Paper withBorder p="md">
          <DistrictMap units={districts.data} label={t('districtNeeds.map')} hint={t('districtNeeds.mapHint')}
            measures={[{ key: 'gap', label: t('districtNeeds.gap') }, { key: 'expected', label: t('districtNeeds.expected') }]}
            value={(d, m) => (m === 'gap' ? latest.get(d)?.gap_total : latest.get(d)?.expected_total) ?? 0}
            tooltip={(u, m) => {
              const n = latest.get(u.code);
              if (!n) return t('districtNeeds.mapNone', { name: u.name });
              return `${u.name}: ${m === 'gap' ? gapText(n) : fmt.number(n.expected_total)}`;
            }}
            onSelect={(u) => { const n = latest.get(u.code); if (n) nav(`/contracting/needs/${n.id}`); }} />
        </Paper>
      )}
      <Table.ScrollContainer minWidth={640}>
        <Table withTableBorder data-testid="needs">
          <Table.Thead><Table.Tr><Table.Th>{t('contracting.authority')}</Table.Th><Table.Th>{t('contracting.year')}</Table.Th>
            <Table.Th ta="right">{t('contracting.lines')}</Table.Th><Table.Th ta="right">{t('contracting.expected')}</Table.Th><Table.Th ta="right">{t('districtNeeds.gap')}</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {items.map((n) => (
              <Table.Tr key={n.id}><Table.Td><Anchor component={Link} to={`/contracting/needs/${n.id}`}>{n.authority_name}</Anchor></Table.Td><Table.Td>{n.year}</Table.Td>
                <Table.Td ta="right">{n.lines}</Table.Td><Table.Td ta="right">{fmt.number(n.expected_total)}</Table.Td><Table.Td ta="right">{gapText(n)}</Table.Td></Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {!items.length && <Text c="dimmed" mt="sm">{t('districtNeeds.none')}</Text>}
      </Table.ScrollContainer>
    </Stack>
  );
}

function Plans() {
  const { t } = useTranslation();
  const q = usePlans();
  const { lei } = useCostWords();
  const { can, session } = useSession();
  return gate(t, q) ?? (
    <Stack>
      {can('contracting.write') && session?.user.authority_id && (
        <Group><Button component={Link} to="/contracting/plans/new" data-testid="plan-new">{t('purchasePlan.new')}</Button></Group>
      )}
      <Table withTableBorder data-testid="plans">
        <Table.Thead><Table.Tr><Table.Th>{t('contracting.authority')}</Table.Th><Table.Th>{t('contracting.year')}</Table.Th>
          <Table.Th ta="right">{t('contracting.budget')}</Table.Th><Table.Th ta="right">{t('contracting.planned')}</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {(q.data?.items ?? []).map((p) => (
            <Table.Tr key={p.id}><Table.Td><Anchor component={Link} to={`/contracting/plans/${p.id}`}>{p.authority_name}</Anchor></Table.Td><Table.Td>{p.year}</Table.Td>
              <Table.Td ta="right">{lei(p.budget_minor)}</Table.Td><Table.Td ta="right" c={p.total_minor > p.budget_minor ? 'red' : undefined}>{lei(p.total_minor)}</Table.Td></Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {!q.data?.items.length && <Text c="dimmed">{t('purchasePlan.none')}</Text>}
    </Stack>
  );
}
