import { Alert, Anchor, Badge, Button, Card, FileButton, Group, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { post } from '../../api/client';
import { KPI_PERCENT, useContract, type Contract, type ContractReport } from '../../api/contracting';
import { useCostWords } from '../../api/costing';
import { upload } from '../../api/grants';
import { invalidate } from '../../api/queries';
import { useSession } from '../../api/session';
import { BarChart } from '../../components/BarChart';
import { MonthField } from '../../components/DateField';
import { gate } from '../../components/Gate';
import { Stat } from '../../components/Stat';
import { StatusBadge } from '../../components/StatusBadge';
import { useSubmit } from '../../components/useSubmit';
import { useFormat } from '../../format';
import { ContractActions } from './ContractActions';
import { VisitsPanel } from '../../components/VisitsPanel';

const LEVEL_COLOR = { ok: 'teal.8', warning: 'orange.8', full: 'red.8' } as const;

// A contract's dashboard for both parties: value and volume used against the maximum, the KPIs from
// its services' records against their targets, each month's report (the provider starts the month's
// from the delivery log), the amendments.
export function ContractPage() {
  const { t } = useTranslation();
  const { id = '0' } = useParams();
  const q = useContract(id);
  const g = gate(t, q);
  if (g || !q.data) return g;
  return <ContractView c={q.data} />;
}

function ContractView({ c }: { c: Contract }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { lei } = useCostWords();
  const { session, can } = useSession();
  const provider = can('contracting.offer') && session?.user.organisation_id === c.organisation_id;
  const council = can('contracting.write') && session?.user.authority_id === c.authority_id;
  const qc = useQueryClient();
  const usedPct = c.max_volume ? Math.min(100, (c.volume_used * 100) / c.max_volume) : 0;
  const narrow = useMediaQuery('(max-width: 48em)');
  const months = [...c.reports].sort((a, b) => a.month.localeCompare(b.month));
  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={1}>{t('contract.title', { number: c.number ?? t('contracting.notNumbered') })}</Title>
          <Group gap="xs">
            <StatusBadge group="contract_status" value={c.status} />
            <Text c="dimmed">{c.organisation_name} · {t('contract.lot', { lot: c.lot_name })}</Text>
          </Group>
        </Stack>
        <Group>
          <Button component={Link} to={`/contracting/purchases/${c.purchase_id}`} variant="default">{t('contract.purchase')}</Button>
          <Button component="a" href={`/api/v1/contracts/${c.id}/contract.pdf`} target="_blank" variant="default" data-testid="contract-pdf">{t('contract.pdf')}</Button>
        </Group>
      </Group>
      {council && <ContractActions key={c.version} c={c} />}
      {c.end_reason && <Alert color="gray" title={t(`contract_status.${c.status}`)}>{c.end_reason}</Alert>}
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
        <Stat label={t('contract.valueUsed')} value={lei(c.value_used_minor)} sub={t('contract.ofMax', { max: lei(c.max_value_minor) })} testId="contract-value-used" />
        <Stat label={t('contract.paid')} value={lei(c.paid_minor)} />
        <Stat label={t('contract.unitPrice', { unit: t(`contract_unit.${c.unit}`) })} value={lei(c.unit_price_minor)} />
        <Stat label={t('contract.people')} value={c.people} />
      </SimpleGrid>
      <Card withBorder>
        <Group justify="space-between"><Text fw={600}>{t('contract.volume')}</Text>
          <Text data-testid="contract-volume">{fmt.number(c.volume_used)} / {fmt.number(c.max_volume)} {t(`contract_unit.${c.unit}`)}</Text></Group>
        <Progress value={usedPct} color={LEVEL_COLOR[c.volume_level]} mt="xs" aria-label={t('contract.volume')} />
        {c.volume_level !== 'ok' && <Text size="sm" c={c.volume_level === 'full' ? 'red.8' : 'orange.9'} mt={4}>{t(`contract.level_${c.volume_level}`)}</Text>}
        <Text size="sm" c="dimmed" mt={4}>{t('contract.term', { from: fmt.date(c.starts_on), to: fmt.date(c.ends_on), min: fmt.number(c.min_volume) })}</Text>
      </Card>
      {months.length > 0 && (
        <Card withBorder>
          <Text fw={600} mb="xs">{t('contract.unitsByMonth')}</Text>
          <BarChart label={t('contract.unitsByMonth')} categories={months.map((r) => fmt.month(r.month, 'short'))}
            series={[{ name: t(`contract_unit.${c.unit}`), data: months.map((r) => r.units), color: '#087f5b' }]} height={240} rotate={narrow ? 40 : 0} />
        </Card>
      )}
      <Title order={2}>{t('contract.kpis')}</Title>
      <Table withTableBorder data-testid="kpis">
          <Table.Thead><Table.Tr><Table.Th>{t('contract.kpi')}</Table.Th><Table.Th ta="right">{t('contract.target')}</Table.Th>
            <Table.Th ta="right">{t('contract.actual')}</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {c.performance.map((k) => {
              const show = (v: number | null) => (v === null ? '—' : KPI_PERCENT.includes(k.code) ? `${v}%` : t('contract.days', { count: v }));
              return (
                <Table.Tr key={k.code}>
                  <Table.Td>{t(`contract_kpi.${k.code}`)}</Table.Td><Table.Td ta="right">{show(k.target)}</Table.Td>
                  {/* The value and whether it meets the target, one under the other: three columns fit a phone. */}
                  <Table.Td ta="right"><Stack gap={4} align="flex-end">{show(k.value)}
                    {k.met === null ? <Text size="sm" c="dimmed">{t('contract.noData')}</Text>
                      : <Badge color={k.met ? '#1e6b34' : '#c92a2a'}>{t(k.met ? 'contract.met' : 'contract.notMet')}</Badge>}</Stack></Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
      </Table>
      <Reports c={c} provider={provider} />
      <SignedCopy c={c} />
      {c.status !== 'draft' && (
        <VisitsPanel visits={c.visits} addUrl={`/api/v1/contracts/${c.id}/visits`} canRecord={can('visits.write') && c.status === 'signed'}
          onChanged={() => invalidate(qc, ['/api/v1/contracts/{id}', { id: c.id }])} />
      )}
      {c.amendments.length > 0 && (
        <>
          <Title order={2}>{t('contracting.amendments')}</Title>
          {c.amendments.map((a) => <Text key={a.number}>{t('contracting.amendmentLine', { number: a.number, date: fmt.date(a.created_at) })}: {a.summary}</Text>)}
        </>
      )}
    </Stack>
  );
}

function lastMonth() {
  const d = new Date();
  d.setDate(1);
  d.setMonth(d.getMonth() - 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

function Reports({ c, provider }: { c: Contract; provider: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { lei } = useCostWords();
  const [month, setMonth] = useState(lastMonth());
  const s = useSubmit();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const rows = [...c.reports].sort((a, b) => b.month.localeCompare(a.month));
  return (
    <Stack>
      <Title order={2}>{t('contract.reports')}</Title>
      {provider && c.status === 'signed' && (
        <Group align="flex-end">
          <MonthField label={t('contract.month')} value={month} onChange={setMonth} w={200} />
          <Button loading={s.busy} data-testid="report-create" onClick={() => s.submit(
            () => post<ContractReport>(`/api/v1/contracts/${c.id}/reports`, { month }).then((r) => { invalidate(qc, ['/api/v1/contracts/{id}', { id: c.id }]); navigate(`/contracting/reports/${r.id}`); }))}>
            {t('contract.reportCreate')}</Button>
        </Group>
      )}
      {s.error && <Alert color="red">{s.error}</Alert>}
      {/* On a phone the month, its state, units and amount; the invoice and payment day from a tablet up. */}
      <Table.ScrollContainer minWidth={340}>
        <Table striped withTableBorder data-testid="contract-reports">
          <Table.Thead><Table.Tr><Table.Th>{t('contract.month')}</Table.Th><Table.Th>{t('common.status')}</Table.Th>
            <Table.Th ta="right">{t(`contract_unit.${c.unit}`)}</Table.Th><Table.Th ta="right">{t('contract.amount')}</Table.Th>
            <Table.Th visibleFrom="sm">{t('contract.invoice')}</Table.Th><Table.Th visibleFrom="sm">{t('contract.paidOn')}</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}><Anchor component={Link} to={`/contracting/reports/${r.id}`}>{fmt.month(r.month, 'short')}</Anchor></Table.Td>
                <Table.Td><StatusBadge group="contract_report_status" value={r.status} /></Table.Td>
                <Table.Td ta="right">{fmt.number(r.units)}</Table.Td><Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>{lei(r.amount_minor)}</Table.Td>
                <Table.Td visibleFrom="sm" style={{ whiteSpace: 'nowrap' }}>{r.invoice_number ?? '—'}</Table.Td>
                <Table.Td visibleFrom="sm" style={{ whiteSpace: 'nowrap' }}>{fmt.date(r.paid_on) || '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {!rows.length && <Text c="dimmed">{t('contract.noReports')}</Text>}
    </Stack>
  );
}

// The signed copy and any other document kept with the contract: the authority attaches them once
// the contract is signed; both parties read them.
function SignedCopy({ c }: { c: Contract }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const s = useSubmit();
  const qc = useQueryClient();
  const keeper = can('contracting.write') && c.status !== 'draft';
  if (!c.documents.length && !keeper) return null;
  return (
    <Stack gap="xs">
      <Title order={2}>{t('contract.documents')}</Title>
      {c.documents.length ? c.documents.map((d) => <Anchor key={d.id} href={`/api/v1/documents/${d.id}`} data-testid="contract-document">{d.filename}</Anchor>)
        : <Text c="dimmed">{t('contract.noDocuments')}</Text>}
      {keeper && (
        <Group>
          <FileButton accept="application/pdf,image/*" onChange={(file) => file && s.submit(() => upload(`/api/v1/contracts/${c.id}/documents`, file), () => invalidate(qc, ['/api/v1/contracts/{id}', { id: c.id }]))}>
            {(props) => <Button variant="default" loading={s.busy} {...props} data-testid="contract-upload">{t('contract.uploadSigned')}</Button>}
          </FileButton>
        </Group>
      )}
      {s.error && <Alert color="red">{s.error}</Alert>}
    </Stack>
  );
}
