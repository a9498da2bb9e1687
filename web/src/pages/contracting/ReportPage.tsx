import { Alert, Anchor, Button, Card, Checkbox, Group, Modal, NumberInput, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import { useContractReport, type ContractReport } from '../../api/contracting';
import { useCostWords } from '../../api/costing';
import { invalidate } from '../../api/queries';
import { useSession } from '../../api/session';
import { DateField } from '../../components/DateField';
import { gate } from '../../components/Gate';
import { Stat } from '../../components/Stat';
import { StatusBadge } from '../../components/StatusBadge';
import { useSubmit } from '../../components/useSubmit';
import { useFormat } from '../../format';

// A month's report: what the provider claims beside what the delivery log says, line by line (by
// pseudonymous code), the differences marked. The provider adjusts its claims and submits; the
// authority refuses lines with a reason and approves (the month frozen as an invoice), or returns it;
// an approved report is paid.
export function ReportPage() {
  const { t } = useTranslation();
  const { id = '0' } = useParams();
  const q = useContractReport(id);
  const g = gate(t, q);
  if (g || !q.data) return g;
  return <ReportView r={q.data} key={`${q.data.id}-${q.data.version}`} />;
}

type Line = ContractReport['lines'][number];

function ReportView({ r }: { r: ContractReport }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { lei } = useCostWords();
  const { can } = useSession();
  const s = useSubmit();
  const qc = useQueryClient();
  const refresh = () => invalidate(qc, ['/api/v1/contract-reports/{id}', { id: r.id }], ['/api/v1/contracts/{id}', { id: r.contract_id }], '/api/v1/contracts', '/api/v1/home');
  const editable = can('contracting.offer') && (r.status === 'draft' || r.status === 'returned');
  const verifying = can('contracting.write') && r.status === 'submitted';
  const [claims, setClaims] = useState<Record<string, number>>(() => Object.fromEntries(r.lines.filter((l) => !l.corrects).map((l) => [l.person_code, l.units])));
  const [refused, setRefused] = useState<Record<string, string>>({});
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');
  const [paying, setPaying] = useState(false);
  const [payment, setPayment] = useState({ paid_on: '', payment_ref: '' });
  const changed = r.lines.some((l) => !l.corrects && claims[l.person_code] !== l.units);
  const post = (path: `/api/v1/contract-reports/${number}/${string}`, body?: unknown) =>
    s.submit(() => api('POST', path, { version: r.version, body }), refresh);
  const differs = (l: Line) => !l.corrects && l.recorded_now !== null && l.units !== l.recorded_now;
  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={1}>{t('contractReport.title', { month: fmt.month(r.month) })}</Title>
          <Group gap="xs">
            <StatusBadge group="contract_report_status" value={r.status} />
            <Text c="dimmed"><Anchor component={Link} to={`/contracting/contracts/${r.contract_id}`} underline="always">{r.contract_number}</Anchor> · {r.organisation_name}</Text>
          </Group>
        </Stack>
        <Group>
          {editable && changed && <Button variant="default" loading={s.busy} data-testid="report-save"
            onClick={() => s.submit(() => api('PATCH', `/api/v1/contract-reports/${r.id}`, { version: r.version,
              body: { lines: r.lines.filter((l) => !l.corrects).map((l) => ({ person_code: l.person_code, units: claims[l.person_code] ?? l.units })) } }), refresh)}>
            {t('common.save')}</Button>}
          {editable && !changed && <Button loading={s.busy} onClick={() => post(`/api/v1/contract-reports/${r.id}/submit`)} data-testid="report-submit">{t('contractReport.submit')}</Button>}
          {verifying && <Button color="red" variant="outline" onClick={() => setReturning(true)} data-testid="report-return">{t('contractReport.return')}</Button>}
          {verifying && <Button loading={s.busy} data-testid="report-approve"
            onClick={() => post(`/api/v1/contract-reports/${r.id}/approve`, { refused: Object.entries(refused).filter(([, why]) => why !== undefined).map(([person_code, why]) => ({ person_code, reason: why })) })}>
            {t('contractReport.approve')}</Button>}
          {can('contracting.write') && r.status === 'approved' && <Button onClick={() => setPaying(true)} data-testid="report-pay">{t('contractReport.pay')}</Button>}
        </Group>
      </Group>
      {s.error && <Alert color="red" data-testid="report-error">{s.error}</Alert>}
      {r.returned_reason && r.status === 'returned' && <Alert color="orange" title={t('contractReport.returnedTitle')}>{r.returned_reason}</Alert>}
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
        <Stat label={t(`contract_unit.${r.unit}`)} value={r.units} testId="report-units" />
        <Stat label={t('contract.amount')} value={lei(r.amount_minor)} testId="report-amount" />
        <Stat label={t('contract.volume')} value={`${fmt.number(r.volume_used_before + r.units)} / ${fmt.number(r.max_volume)}`} />
        <Stat label={t('contract.invoice')} value={r.invoice_number ?? '—'} sub={r.paid_on ? t('contractReport.paidOn', { date: fmt.date(r.paid_on), ref: r.payment_ref ?? '' }) : undefined} />
      </SimpleGrid>
      {r.volume_level !== 'ok' && <Alert color={r.volume_level === 'full' ? 'red' : 'orange'}>{t(`contract.level_${r.volume_level}`)}</Alert>}
      <Text size="sm" c="dimmed">{t('contractReport.explain')}</Text>
      <Table.ScrollContainer minWidth={760}>
        <Table withTableBorder data-testid="report-lines">
          <Table.Thead>
            <Table.Tr><Table.Th /><Table.Th colSpan={1} ta="center" bg="teal.0">{t('contractReport.claimed')}</Table.Th>
              <Table.Th colSpan={3} ta="center" bg="gray.1">{t('contractReport.log')}</Table.Th><Table.Th colSpan={2} /></Table.Tr>
            <Table.Tr>
              <Table.Th>{t('contractReport.person')}</Table.Th><Table.Th ta="right" bg="teal.0">{t(`contract_unit.${r.unit}`)}</Table.Th>
              <Table.Th ta="right" bg="gray.1">{t('contractReport.recorded')}</Table.Th><Table.Th ta="right" bg="gray.1">{t('contractReport.present')}</Table.Th>
              <Table.Th ta="right" bg="gray.1">{t('contractReport.absent')}</Table.Th>
              <Table.Th ta="right">{t('contract.amount')}</Table.Th><Table.Th>{verifying ? t('contractReport.refuse') : t('contractReport.note')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {r.lines.map((l, i) => (
              <Table.Tr key={`${l.person_code}-${l.corrects ?? ''}-${i}`} bg={l.refused ? 'red.0' : differs(l) ? 'yellow.0' : undefined} data-testid={`line-${l.person_code}`}>
                <Table.Td><Text span inherit style={{ whiteSpace: 'nowrap' }}>{l.person_code}</Text>{l.corrects && <Text size="xs" c="dimmed">{t('contractReport.correction', { month: fmt.month(l.corrects, 'short') })}</Text>}</Table.Td>
                <Table.Td ta="right" bg="teal.0">
                  {editable && !l.corrects ? <NumberInput size="xs" w={90} ml="auto" min={0} value={claims[l.person_code] ?? l.units} aria-label={`${l.person_code} ${t('contractReport.claimed')}`}
                    onChange={(v) => setClaims({ ...claims, [l.person_code]: Number(v) || 0 })} error={s.errors[`lines[${i}].units`]} /> : fmt.number(l.units)}
                </Table.Td>
                <Table.Td ta="right" bg="gray.1">{fmt.number(l.recorded_now ?? l.recorded)}{l.recorded_now !== null && l.recorded_now !== l.recorded && <Text size="xs" c="dimmed">{t('contractReport.wasRecorded', { n: l.recorded })}</Text>}</Table.Td>
                <Table.Td ta="right" bg="gray.1">{l.days_present}</Table.Td><Table.Td ta="right" bg="gray.1">{l.days_absent}</Table.Td>
                <Table.Td ta="right">{lei(l.amount_minor)}</Table.Td>
                <Table.Td>
                  {verifying && !l.corrects ? (
                    <Group gap={4} wrap="nowrap">
                      <Checkbox aria-label={`${t('contractReport.refuse')} ${l.person_code}`} checked={refused[l.person_code] !== undefined}
                        onChange={(e) => { const next = { ...refused }; if (e.currentTarget.checked) next[l.person_code] = ''; else delete next[l.person_code]; setRefused(next); }} />
                      {refused[l.person_code] !== undefined && <TextInput size="xs" placeholder={t('contractReport.reason')} value={refused[l.person_code]}
                        onChange={(e) => setRefused({ ...refused, [l.person_code]: e.currentTarget.value })} error={s.errors[`refused[${Object.keys(refused).indexOf(l.person_code)}].reason`]} />}
                    </Group>
                  ) : l.refused ? <Text size="sm" c="red.8">{l.refusal}</Text> : differs(l) ? <Text size="sm" c="orange.9">{t('contractReport.differs')}</Text> : null}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {!r.lines.length && <Text c="dimmed">{t('contractReport.noLines')}</Text>}
      <Modal opened={returning} onClose={() => setReturning(false)} title={t('contractReport.return')}>
        <Stack>
          <Textarea label={t('contractReport.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={3} error={s.errors.reason} data-testid="return-reason" />
          <Group justify="flex-end"><Button color="red" loading={s.busy} data-testid="return-confirm"
            onClick={() => s.submit(() => api('POST', `/api/v1/contract-reports/${r.id}/return`, { version: r.version, body: { reason } }), () => { setReturning(false); refresh(); })}>
            {t('contractReport.return')}</Button></Group>
        </Stack>
      </Modal>
      <Modal opened={paying} onClose={() => setPaying(false)} title={t('contractReport.pay')}>
        <Stack>
          <DateField label={t('contractReport.paidOnLabel')} value={payment.paid_on} onChange={(v) => setPayment({ ...payment, paid_on: v })} error={s.errors.paid_on} data-testid="pay-date" />
          <TextInput label={t('contractReport.paymentRef')} value={payment.payment_ref} onChange={(e) => setPayment({ ...payment, payment_ref: e.currentTarget.value })} error={s.errors.payment_ref} data-testid="pay-ref" />
          <Card withBorder p="xs"><Text size="sm">{t('contractReport.payAmount', { amount: lei(r.amount_minor) })}</Text></Card>
          <Group justify="flex-end"><Button loading={s.busy} data-testid="pay-confirm"
            onClick={() => s.submit(() => api('POST', `/api/v1/contract-reports/${r.id}/payment`, { version: r.version, body: payment }), () => { setPaying(false); refresh(); })}>
            {t('contractReport.pay')}</Button></Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
