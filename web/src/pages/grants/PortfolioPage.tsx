import { Anchor, Badge, Group, Paper, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useFormat } from '../../format';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { useMoney, useTr, useCalls, usePortfolio } from '../../api/grants';
import { BarChart } from '../../components/BarChart';
import { Stat } from '../../components/Stat';

const COLORS = { committed: '#0b7285', disbursed: '#2b8a3e', reported: '#e67700' };

// Money committed, disbursed and reported, for the programme or one call, with overdue reports first.
export function PortfolioPage() {
  const fmt = useFormat();
  const { t } = useTranslation();
  const tr = useTr();
  const money = useMoney();
  const [params, setParams] = useSearchParams();
  const callId = params.get('call_id') ?? '';
  const calls = useCalls();
  const q = usePortfolio(callId);
  const p = q.data;
  // Charts in the currency with the most money committed (a chart does not add lei to euros).
  const main = p ? [...p.totals].sort((a, b) => b.committed_minor - a.committed_minor)[0]?.currency ?? 'MDL' : 'MDL';
  const mdl = <T extends { currency: string }>(xs: T[]) => xs.filter((x) => x.currency === main);
  const series = (xs: { committed_minor: number; disbursed_minor: number; reported_minor: number }[]) => [
    { name: t('portfolio.committed'), data: xs.map((x) => Math.round(x.committed_minor / 100)), color: COLORS.committed },
    { name: t('portfolio.disbursed'), data: xs.map((x) => Math.round(x.disbursed_minor / 100)), color: COLORS.disbursed },
    { name: t('portfolio.reported'), data: xs.map((x) => Math.round(x.reported_minor / 100)), color: COLORS.reported },
  ];
  const districts = p ? mdl(p.by_district).slice(0, 15) : [];
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t('portfolio.title')}</Title>
        <Select label={t('portfolio.call')} clearable w={360} placeholder={t('portfolio.whole')} value={callId || null}
          onChange={(v) => setParams(v ? { call_id: v } : {}, { replace: true })}
          data={(calls.data?.items ?? []).map((c) => ({ value: String(c.id), label: `${c.code} — ${tr(c.title)}` }))} />
      </Group>
      {p && (
        <>
          {p.totals.map((x) => (
            <SimpleGrid key={x.currency} cols={{ base: 1, sm: 2, md: 4 }}>
              <Stat big label={t('portfolio.agreements')} value={String(x.agreements)} />
              <Stat big label={t('portfolio.committed')} value={money(x.committed_minor, x.currency)} />
              <Stat big label={t('portfolio.disbursed')} value={money(x.disbursed_minor, x.currency)} sub={pct(x.disbursed_minor, x.committed_minor)} />
              <Stat big label={t('portfolio.reported')} value={money(x.reported_minor, x.currency)} sub={pct(x.reported_minor, x.committed_minor)} />
            </SimpleGrid>
          ))}
          <Paper withBorder p="md" bg={p.overdue_reports.length ? 'red.0' : undefined} data-testid="overdue">
            <Title order={2} size="h4" mb="xs">{t('portfolio.overdue', { n: p.overdue_reports.length })}</Title>
            {p.overdue_reports.length > 0 && (
              <Table>
                <Table.Thead><Table.Tr><Table.Th>{t('agr.number')}</Table.Th><Table.Th>{t('appl.organisation')}</Table.Th><Table.Th>{t('report.one')}</Table.Th><Table.Th>{t('agr.dueOn')}</Table.Th><Table.Th ta="right">{t('portfolio.daysLate')}</Table.Th></Table.Tr></Table.Thead>
                <Table.Tbody>
                  {p.overdue_reports.map((o) => (
                    <Table.Tr key={o.report_id}>
                      <Table.Td><Anchor component={Link} to={`/agreements/${o.agreement_id}`}>{o.agreement_number}</Anchor></Table.Td>
                      <Table.Td>{o.organisation_name}</Table.Td>
                      <Table.Td><Anchor component={Link} to={`/reports/${o.report_id}`}>#{o.number}</Anchor> <Badge size="sm" variant="filled" color={o.status === 'returned' ? '#c92a2a' : 'gray.7'}>{t(`report_status.${o.status}`)}</Badge></Table.Td>
                      <Table.Td>{fmt.date(o.due_on)}</Table.Td>
                      <Table.Td ta="right"><Text c="red.9" fw={700}>{o.days_overdue}</Text></Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Paper>
          {!callId && mdl(p.by_call).length > 0 && (
            <Paper withBorder p="md">
              <Title order={2} size="h4">{t('portfolio.byCall')} ({main})</Title>
              <BarChart label={t('portfolio.byCallChart', { currency: main })} categories={mdl(p.by_call).map((c) => c.code)} series={series(mdl(p.by_call))} />
            </Paper>
          )}
          {districts.length > 0 && (
            <Paper withBorder p="md">
              <Title order={2} size="h4">{t('portfolio.byDistrict')} ({main})</Title>
              <BarChart label={t('portfolio.byDistrictChart', { currency: main })} height={320} categories={districts.map((d) => d.name)} series={series(districts)} />
            </Paper>
          )}
          <Paper withBorder p="md">
            <Title order={2} size="h4" mb="xs">{t('portfolio.byGrantee')}</Title>
            <Table striped>
              <Table.Thead><Table.Tr><Table.Th>{t('appl.organisation')}</Table.Th><Table.Th ta="right">{t('portfolio.agreements')}</Table.Th>
                <Table.Th ta="right">{t('portfolio.committed')}</Table.Th><Table.Th ta="right">{t('portfolio.disbursed')}</Table.Th><Table.Th ta="right">{t('portfolio.reported')}</Table.Th></Table.Tr></Table.Thead>
              <Table.Tbody>
                {p.by_grantee.slice(0, 50).map((x) => (
                  <Table.Tr key={`${x.organisation_id}-${x.currency}`}>
                    <Table.Td><Anchor component={Link} to={`/organisations/${x.organisation_id}`}>{x.name}</Anchor></Table.Td>
                    <Table.Td ta="right">{x.agreements}</Table.Td>
                    <Table.Td ta="right">{money(x.committed_minor, x.currency)}</Table.Td>
                    <Table.Td ta="right">{money(x.disbursed_minor, x.currency)}</Table.Td>
                    <Table.Td ta="right">{money(x.reported_minor, x.currency)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        </>
      )}
    </Stack>
  );
}

const pct = (a: number, b: number) => (b ? `${Math.round((a * 100) / b)}%` : '');

