import { inLanguage } from '../../api/client';
import { useFormat } from '../../format';
import { Anchor, Badge, Button, Group, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { useSession } from '../../api/session';
import { useMoney, useAgreements, useTranchesDue } from '../../api/grants';
import { StatusBadge } from '../../components/StatusBadge';

export function AgreementsPage() {
  const fmt = useFormat();
  const { t } = useTranslation();
  const money = useMoney();
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? '';
  const list = useAgreements(status);
  const due = useTranchesDue(can('agreements.manage'));
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t('agr.title')}</Title>
        <Button component="a" variant="default" href={inLanguage('/api/v1/payments.xlsx')}>{t('agr.paymentsExport')}</Button>
      </Group>
      {due.data && due.data.items.length > 0 && (
        <Paper withBorder p="md" bg="orange.0" data-testid="tranches-due">
          <Title order={2} size="h4" mb="xs">{t('agr.due', { n: due.data.items.length })}</Title>
          <Table>
            <Table.Tbody>
              {due.data.items.slice(0, 10).map((d) => (
                <Table.Tr key={d.tranche_id}>
                  <Table.Td><Anchor component={Link} to={`/agreements/${d.agreement_id}`}>{d.agreement_number}</Anchor></Table.Td>
                  <Table.Td>{d.organisation_name}</Table.Td>
                  <Table.Td>{t('agr.trancheN', { n: d.number })}</Table.Td>
                  <Table.Td ta="right">{money(d.amount_minor, d.currency)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      <Select label={t('common.status')} clearable w={240} value={status || null} onChange={(v) => setParams(v ? { status: v } : {}, { replace: true })}
        data={['draft', 'signed', 'completed', 'terminated'].map((s) => ({ value: s, label: t(`agr_status.${s}`) }))} />
      <Table striped highlightOnHover withTableBorder>
        <Table.Thead><Table.Tr><Table.Th>{t('agr.number')}</Table.Th><Table.Th>{t('appl.organisation')}</Table.Th><Table.Th>{t('call.code')}</Table.Th>
          <Table.Th ta="right">{t('agr.amount')}</Table.Th><Table.Th ta="right">{t('agr.paid')}</Table.Th><Table.Th>{t('agr.period')}</Table.Th><Table.Th>{t('common.status')}</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {(list.data?.items ?? []).map((g) => (
            <Table.Tr key={g.id} bg={g.overdue_reports ? 'red.0' : undefined}>
              <Table.Td ff="monospace"><Anchor component={Link} to={`/agreements/${g.id}`}>{g.number}</Anchor></Table.Td>
              <Table.Td>{g.organisation_name}</Table.Td>
              <Table.Td>{g.call_code}</Table.Td>
              <Table.Td ta="right">{money(g.amount_minor, g.currency)}</Table.Td>
              <Table.Td ta="right">{money(g.paid_minor, g.currency)}</Table.Td>
              <Table.Td>{fmt.date(g.starts_on)} – {fmt.date(g.ends_on)}</Table.Td>
              <Table.Td><Group gap={4}><StatusBadge group="agr_status" value={g.status} />{g.overdue_reports > 0 && <Badge color="#c92a2a" variant="filled">{t('agr.overdueN', { n: g.overdue_reports })}</Badge>}</Group></Table.Td>
            </Table.Tr>
          ))}
          {list.data && list.data.items.length === 0 && <Table.Tr><Table.Td colSpan={7}><Text>{t('common.none')}</Text></Table.Td></Table.Tr>}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
