import { Alert, Anchor, Badge, Button, FileButton, Group, Modal, NumberInput, Paper, SegmentedControl, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api, post } from '../../api/client';
import { useSession } from '../../api/session';
import { percent, today, toMinor, upload, useMoney, type Agreement, type Tranche, useAgreement } from '../../api/grants';
import { said } from '../../components/FormErrors';
import { useSubmit } from '../../components/useSubmit';
import { Stat } from '../../components/Stat';
import { StatusBadge } from '../../components/StatusBadge';
import { useAction } from '../../components/useAction';
import { gate } from '../../components/Gate';
import { DateField } from '../../components/DateField';
import { useFormat } from '../../format';
import { confirmAction } from '../../components/Confirm';
import { VisitsPanel } from '../../components/VisitsPanel';

export function AgreementPage() {
  const { id } = useParams();
  const q = useAgreement(id!);
  const { t } = useTranslation();
  const wait = gate(t, q);
  if (wait || !q.data) return wait;
  return <AgreementView g={q.data} reload={() => q.refetch()} />;
}

function AgreementView({ g, reload }: { g: Agreement; reload: () => void }) {
  const fmt = useFormat();
  const { t } = useTranslation();
  const money = useMoney();
  const { can } = useSession();
  const manage = can('agreements.manage');
  const [paying, setPaying] = useState<Tranche | null>(null);
  const [amending, setAmending] = useState(false);
  const [signedOn, setSignedOn] = useState(today());
  const cur = g.currency;
  const act = useAction(reload, { detail: (e) => (e instanceof Error ? e.message : '') });
  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <div>
          <Text c="dimmed"><Anchor underline="always" component={Link} to={`/calls/${g.call_id}`}>{g.call_code}</Anchor> · <Anchor underline="always" component={Link} to={`/applications/${g.application_id}`}>{g.application_number}</Anchor></Text>
          <Title order={1}>{g.number} — {g.organisation_name}</Title>
          <Text>{g.title}</Text>
          <Group gap="xs" mt={4}><StatusBadge group="agr_status" value={g.status} />{g.signed_on && <Text size="sm">{t('agr.signedOn', { at: g.signed_on })}</Text>}</Group>
        </div>
        <Group>
          <Button variant="default" component={Link} to="/agreements">{t('common.back')}</Button>
          <Button component="a" href={`/api/v1/agreements/${g.id}/document.pdf`} variant="default" data-testid="agreement-pdf">{t('agr.pdf')}</Button>
        </Group>
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
        <Stat label={t('agr.amount')} value={money(g.amount_minor, cur)} />
        <Stat label={t('agr.paid')} value={money(g.paid_minor, cur)} />
        <Stat label={t('agr.reported')} value={money(g.reported_minor, cur)} />
        <Stat label={t('agr.period')} value={`${fmt.date(g.starts_on)} – ${fmt.date(g.ends_on)}`} />
      </SimpleGrid>
      {g.status === 'draft' && manage && (
        <Paper withBorder p="md" bg="teal.0">
          <Title order={2} size="h4">{t('agr.signTitle')}</Title>
          <Text size="sm" my="xs">{t('agr.signHelp')}</Text>
          <Group align="flex-end">
            <DateField label={t('agr.signed_on')} value={signedOn} onChange={(d) => setSignedOn(d)} />
            <FileButton accept="application/pdf,image/png,image/jpeg" onChange={(file) => file && act(() => upload(`/api/v1/agreements/${g.id}/signed`, file, { signed_on: signedOn }, g.version), t('agr.signedDone'))}>
              {(props) => <Button {...props}>{t('agr.uploadSigned')}</Button>}
            </FileButton>
          </Group>
        </Paper>
      )}
      <Paper withBorder p="md">
        <Title order={2} size="h4" mb="xs">{t('agr.tranches')}</Title>
        <Table withTableBorder data-testid="tranches">
          <Table.Thead><Table.Tr><Table.Th>#</Table.Th><Table.Th ta="right">{t('agr.share')}</Table.Th><Table.Th ta="right">{t('agr.amount')}</Table.Th>
            <Table.Th>{t('agr.condition')}</Table.Th><Table.Th>{t('agr.paidOn')}</Table.Th><Table.Th>{t('common.status')}</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {g.tranches.map((x) => (
              <Table.Tr key={x.id} data-testid={`tranche-${x.number}`}>
                <Table.Td>{x.number}</Table.Td>
                <Table.Td ta="right">{percent(x.share_bp)}</Table.Td>
                <Table.Td ta="right">{money(x.amount_minor, cur)}</Table.Td>
                <Table.Td>{t(`tranche_condition.${x.condition}`, { defaultValue: x.condition })}</Table.Td>
                <Table.Td>{x.paid_on ? `${fmt.date(x.paid_on)} · ${money(x.paid_minor, cur)}${x.payment_ref ? ` · ${x.payment_ref}` : ''}` : '—'}</Table.Td>
                <Table.Td>
                  {x.paid_on ? <Badge color="#1e6b34" variant="filled">{t('agr.paidBadge')}</Badge>
                    : x.payable ? (manage ? <Button size="compact-sm" onClick={() => setPaying(x)}>{t('agr.pay')}</Button> : <Badge color="teal.9" variant="filled">{t('agr.payable')}</Badge>)
                    : <Text size="xs" c="dimmed" title={x.blocked ? said(t, x.blocked) : undefined}>{t(x.condition === 'signature' ? 'agr.blockedSignature' : 'agr.blockedReport')}</Text>}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      <Paper withBorder p="md">
        <Title order={2} size="h4" mb="xs">{t('agr.reports')}</Title>
        <Table withTableBorder data-testid="reports">
          <Table.Thead><Table.Tr><Table.Th>#</Table.Th><Table.Th>{t('agr.dueOn')}</Table.Th><Table.Th>{t('common.status')}</Table.Th><Table.Th ta="right">{t('agr.spent')}</Table.Th><Table.Th /></Table.Tr></Table.Thead>
          <Table.Tbody>
            {g.reports.map((r) => (
              <Table.Tr key={r.id} bg={r.overdue ? 'red.0' : undefined}>
                <Table.Td>{r.number}{r.final && ` (${t('agr.final')})`}</Table.Td>
                <Table.Td>{fmt.date(r.due_on)}{r.overdue && <Badge ml="xs" color="#c92a2a" variant="filled">{t('agr.overdue')}</Badge>}</Table.Td>
                <Table.Td><StatusBadge group="report_status" value={r.status} /></Table.Td>
                <Table.Td ta="right">{money(r.spent_minor, cur)}</Table.Td>
                <Table.Td><Anchor component={Link} to={`/reports/${r.id}`}>{t('agr.openReport')}</Anchor></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      <Paper withBorder p="md">
        <Title order={2} size="h4" mb="xs">{t('agr.budget')}</Title>
        <Table withTableBorder>
          <Table.Thead><Table.Tr><Table.Th>{t('appl.category')}</Table.Th><Table.Th>{t('call.description')}</Table.Th><Table.Th>{t('appl.period')}</Table.Th>
            <Table.Th ta="right">{t('appl.grant')}</Table.Th><Table.Th ta="right">{t('agr.cofinancing')}</Table.Th><Table.Th ta="right">{t('agr.reported')}</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {g.lines.map((l) => (
              <Table.Tr key={l.id}><Table.Td>{t(`budget_category.${l.category}`)}</Table.Td><Table.Td>{l.description}</Table.Td><Table.Td>{l.period}</Table.Td>
                <Table.Td ta="right">{money(l.grant_minor, cur)}</Table.Td><Table.Td ta="right">{money(l.cofinancing_minor, cur)}</Table.Td><Table.Td ta="right">{money(l.reported_minor, cur)}</Table.Td></Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Paper withBorder p="md">
          <Group justify="space-between" mb="xs">
            <Title order={2} size="h4">{t('agr.amendments')}</Title>
            {can('amendments.request') && g.status === 'signed' && <Button size="xs" variant="default" onClick={() => setAmending(true)}>{t('agr.requestAmendment')}</Button>}
          </Group>
          {g.amendments.length === 0 && <Text size="sm">{t('common.none')}</Text>}
          <Stack gap="xs">
            {g.amendments.map((m) => (
              <div key={m.id}>
                <Group gap="xs"><Text fw={600}>#{m.number} {t(`amendment_kind.${m.kind}`)}</Text><StatusBadge group="amendment_status" value={m.status} />{m.kind === 'budget' && <Text size="xs">{percent(m.share_bp)}</Text>}</Group>
                <Text size="sm">{m.reason}</Text>
                <Text size="xs" c="dimmed">{m.requested_at.slice(0, 10)} · {m.requested_by}</Text>
                {manage && m.status === 'pending' && (
                  <Group gap="xs" mt={4}>
                    <Button size="compact-xs" onClick={() => act(() => api('POST', `/api/v1/agreement-amendments/${m.id}/decision`, { body: { approve: true }, version: g.version }), t('amendment_status.approved'))}>{t('agr.approve')}</Button>
                    <Button size="compact-xs" variant="outline" color="#c92a2a" onClick={() => act(() => api('POST', `/api/v1/agreement-amendments/${m.id}/decision`, { body: { approve: false, comments: '—' }, version: g.version }), t('amendment_status.rejected'))}>{t('agr.reject')}</Button>
                  </Group>
                )}
              </div>
            ))}
          </Stack>
        </Paper>
        <VisitsPanel visits={g.visits} addUrl={`/api/v1/agreements/${g.id}/visits`} canRecord={can('visits.write')} onChanged={reload} />
      </SimpleGrid>
      {g.documents.length > 0 && (
        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="xs">{t('pship.documents')}</Title>
          {g.documents.map((d) => <Anchor key={d.id} href={`/api/v1/documents/${d.id}`} mr="md">{d.filename}</Anchor>)}
        </Paper>
      )}
      {paying && <PayDialog g={g} tranche={paying} onClose={() => { setPaying(null); reload(); }} />}
      {amending && <AmendmentDialog g={g} onClose={() => { setAmending(false); reload(); }} />}
    </Stack>
  );
}


function PayDialog({ g, tranche, onClose }: { g: Agreement; tranche: Tranche; onClose: () => void }) {
  const { t } = useTranslation();
  const [paidOn, setPaidOn] = useState(today());
  const [amount, setAmount] = useState(tranche.amount_minor / 100);
  const [ref, setRef] = useState('');
  const { errors, error, submit } = useSubmit();
  const f = useFormat();
  const save = async () => (await confirmAction({ title: t('ask.payTranche.title', { n: tranche.number }),
    body: t('ask.payTranche.body', { amount: f.money(toMinor(amount), g.currency), date: f.date(paidOn) }), final: t('ask.payTranche.final'), confirm: t('agr.pay') })) && submit(
    () => api('POST', `/api/v1/tranches/${tranche.id}/payment`, { body: { paid_on: paidOn, paid_minor: toMinor(amount), ...(ref ? { payment_ref: ref } : {}) }, version: g.version }),
    () => { notifications.show({ color: 'teal', message: t('agr.paidDone') }); onClose(); });
  return (
    <Modal opened onClose={onClose} title={`${t('agr.pay')}: ${t('agr.trancheN', { n: tranche.number })}`}>
      <Stack>
        {error && <Alert color="red" role="alert">{error}</Alert>}
        <DateField label={t('agr.paidOn')} value={paidOn} onChange={(d) => setPaidOn(d)} error={errors.paid_on} />
        <NumberInput label={`${t('agr.amount')} (${g.currency})`} decimalScale={2} thousandSeparator=" " value={amount} onChange={(v) => setAmount(Number(v))} error={errors.paid_minor} />
        <TextInput label={t('agr.paymentRef')} value={ref} onChange={(e) => setRef(e.currentTarget.value)} error={errors.payment_ref} />
        <Group justify="flex-end"><Button variant="default" onClick={onClose}>{t('common.cancel')}</Button><Button onClick={save}>{t('agr.pay')}</Button></Group>
      </Stack>
    </Modal>
  );
}

function AmendmentDialog({ g, onClose }: { g: Agreement; onClose: () => void }) {
  const { t } = useTranslation();
  const money = useMoney();
  const [kind, setKind] = useState('budget');
  const [reason, setReason] = useState('');
  const [endsOn, setEndsOn] = useState(g.ends_on);
  const [lines, setLines] = useState(g.lines.map((l) => ({ line_id: l.id, grant_minor: l.grant_minor })));
  const { errors, error, submit } = useSubmit();
  const moved = lines.reduce((s, l, i) => s + Math.max(0, l.grant_minor - g.lines[i].grant_minor), 0);
  const save = async () => {
    const body = kind === 'period' ? { kind, reason, ends_on: endsOn } : { kind, reason, lines: lines.filter((l, i) => l.grant_minor !== g.lines[i].grant_minor) };
    return submit(async () => {
      const m = await post<{ status: string }>(`/api/v1/agreements/${g.id}/amendments`, body);
      notifications.show({ color: 'teal', message: t(`amendment_status.${m.status}`) });
    }, onClose);
  };
  return (
    <Modal opened onClose={onClose} title={t('agr.requestAmendment')} size="xl">
      <Stack>
        {error && <Alert color="red" role="alert">{error}</Alert>}
        <SegmentedControl value={kind} onChange={setKind} data={['budget', 'period'].map((k) => ({ value: k, label: t(`amendment_kind.${k}`) }))} />
        {kind === 'period' ? (
          <DateField label={t('agr.newEnd')} value={endsOn} onChange={(d) => setEndsOn(d)} error={errors.ends_on} />
        ) : (
          <>
            <Text size="sm">{t('agr.reallocHelp', { share: percent(g.reallocation_free_bp) })}</Text>
            <Table>
              <Table.Tbody>
                {g.lines.map((l, i) => (
                  <Table.Tr key={l.id}>
                    <Table.Td>{t(`budget_category.${l.category}`)} · {l.description} ({l.period})</Table.Td>
                    <Table.Td ta="right">{money(l.grant_minor, g.currency)}</Table.Td>
                    <Table.Td><NumberInput aria-label={`${l.description} ${l.period}`} w={160} decimalScale={2} thousandSeparator=" " min={0} value={lines[i].grant_minor / 100}
                      onChange={(v) => setLines(lines.map((x, j) => (j === i ? { ...x, grant_minor: toMinor(v) } : x)))} error={errors[`lines[${i}].grant_minor`]} /></Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Text size="sm" fw={600}>{t('agr.moved', { amount: money(moved, g.currency), share: percent(g.amount_minor ? Math.round((moved * 10000) / g.amount_minor) : 0) })}</Text>
            {errors.lines && <Text c="#c92a2a" size="sm">{errors.lines}</Text>}
          </>
        )}
        <Textarea label={t('agr.reason')} required value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={errors.reason} />
        <Group justify="flex-end"><Button variant="default" onClick={onClose}>{t('common.cancel')}</Button><Button onClick={save}>{t('common.save')}</Button></Group>
      </Stack>
    </Modal>
  );
}

