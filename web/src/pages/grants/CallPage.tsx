import { Alert, Anchor, Button, Group, List, Modal, NumberInput, Paper, SimpleGrid, Stack, Table, Tabs, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api, post, inLanguage } from '../../api/client';
import { useSession } from '../../api/session';
import { useDistricts } from '../../api/registry';
import { NEXT_STATUS, percent, useMoney, useTr, type ApplicationSummary, type Call, useApplications, useCall, useEvaluations } from '../../api/grants';
import { errorSentence } from '../../components/FormErrors';
import { Stat } from '../../components/Stat';
import { StatusBadge } from '../../components/StatusBadge';
import { useAction } from '../../components/useAction';
import { RankingPanel } from './RankingPanel';
import { gate } from '../../components/Gate';
import { invalidate } from '../../api/queries';
import { DateTimeField } from '../../components/DateField';
import { useFormat } from '../../format';

export function CallPage() {
  const fmtDate = useFormat();
  const { id } = useParams();
  const { t } = useTranslation();
  const tr = useTr();
  const money = useMoney();
  const nav = useNavigate();
  const qc = useQueryClient();
  const { session, can } = useSession();
  const districts = useDistricts();
  const [amending, setAmending] = useState(false);
  const q = useCall(id!);
  const manage = can('calls.manage');
  const apps = useApplications({ call_id: id! }, session!.user.role !== 'evaluator');
  const refresh = () => { q.refetch(); apps.refetch(); invalidate(qc, '/api/v1/calls'); };
  const act = useAction(refresh);  // a hook: before the early return
  const wait = gate(t, q);
  if (wait || !q.data) return wait;
  const c = q.data;
  const next = NEXT_STATUS[c.status];
  const apply = () => act(async () => {
    const a = await post<{ id: number }>('/api/v1/applications', { call_id: c.id, title: tr(c.title) });
    nav(`/applications/${a.id}`);
  }, t('common.saved'));
  const district = (code: string) => districts.data?.find((d) => d.code === code)?.name ?? code;
  const mine = (apps.data?.items ?? []).filter((a) => a.organisation_id === session!.user.organisation_id);

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <div>
          <Text ff="monospace" c="dimmed">{c.code}</Text>
          <Title order={1}>{tr(c.title)}</Title>
          <Group gap="xs" mt={4}><StatusBadge group="call_status" value={c.status} />{c.open && <Text size="sm" c="teal.9" fw={600}>{t('call.openNow')}</Text>}</Group>
        </div>
        <Group>
          <Button variant="default" component={Link} to="/calls">{t('common.back')}</Button>
          {manage && c.status === 'draft' && <Button variant="default" component={Link} to={`/calls/${c.id}/edit`}>{t('common.edit')}</Button>}
          {manage && c.status === 'published' && <Button variant="default" onClick={() => setAmending(true)}>{t('call.amend')}</Button>}
          {manage && next && (
            <Button onClick={() => act(() => api('POST', `/api/v1/calls/${c.id}/transition`, { body: { to: next }, version: c.version }), t(`call_status.${next}`))}>
              {t(`call.to.${next}`)}
            </Button>
          )}
          {can('applications.write') && c.open && mine.length === 0 && <Button onClick={apply}>{t('call.apply')}</Button>}
        </Group>
      </Group>
      <Tabs defaultValue="overview" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="overview">{t('call.overview')}</Tabs.Tab>
          {session!.user.role !== 'evaluator' && <Tabs.Tab value="applications">{t('call.applications')} ({apps.data?.items.length ?? 0})</Tabs.Tab>}
          {can('evaluations.manage') && c.status !== 'draft' && <Tabs.Tab value="evaluation">{t('call.evaluation')}</Tabs.Tab>}
          {(can('evaluations.manage') || c.status === 'decided' || c.status === 'archived') && <Tabs.Tab value="ranking">{t('call.ranking')}</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="overview" pt="md">
          <Stack>
            <Paper withBorder p="md"><Text style={{ whiteSpace: 'pre-wrap' }}>{tr(c.description) || '—'}</Text></Paper>
            <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
              <Stat label={t('call.envelope')} value={money(c.envelope_minor, c.currency)} />
              <Stat label={t('call.grantRange')} value={`${money(c.min_grant_minor, c.currency)} – ${money(c.max_grant_minor, c.currency)}`} />
              <Stat label={t('call.opens_at')} value={fmtDate.dateTime(c.opens_at)} />
              <Stat label={t('call.closes_at')} value={fmtDate.dateTime(c.closes_at)} />
              <Stat label={t('call.cofinancing')} value={`${t('call.applicant')}: ${percent(c.min_applicant_share_bp)} · ${t('call.authority')}: ${percent(c.min_authority_share_bp)}`} />
              <Stat label={t('call.kind')} value={t(`call_kind.${c.kind}`)} />
              <Stat label={t('call.max_duration')} value={`${c.max_duration_months} · ${t('call.period_months')}: ${c.period_months}`} />
              <Stat label={t('call.evaluationMode')} value={`${c.blind ? t('call.blindYes') : t('call.blindNo')} · ${t('call.score_gap')}: ${c.score_gap}`} />
            </SimpleGrid>
            <Paper withBorder p="md">
              <Title order={2} size="h4" mb="xs">{t('call.eligibility')}</Title>
              <List size="sm">
                <List.Item>{t('call.eligible_target_groups')}: {c.eligible_target_groups.map((g) => t(`target_group.${g}`)).join(', ') || t('call.anyEligible')}</List.Item>
                <List.Item>{t('call.eligible_districts')}: {c.eligible_districts.map(district).join(', ') || t('call.anyEligible')}</List.Item>
                <List.Item>{t('call.eligible_legal_forms')}: {c.eligible_legal_forms.map((g) => t(`legal_form.${g}`)).join(', ') || t('call.anyEligible')}</List.Item>
                {c.requires_authority_partner && <List.Item>{t('call.requires_partner')}</List.Item>}
              </List>
            </Paper>
            <Paper withBorder p="md">
              <Title order={2} size="h4" mb="xs">{t('call.criteria')} ({t('call.maxTotal', { n: c.max_total_score })})</Title>
              <Table>
                <Table.Thead><Table.Tr><Table.Th>{t('call.code')}</Table.Th><Table.Th>{t('call.criterion')}</Table.Th><Table.Th ta="right">{t('call.max_score')}</Table.Th><Table.Th ta="right">{t('call.threshold')}</Table.Th></Table.Tr></Table.Thead>
                <Table.Tbody>
                  {c.criteria.map((k) => (
                    <Table.Tr key={k.code}><Table.Td>{k.code}</Table.Td><Table.Td>{tr(k.name)}<Text size="xs" c="dimmed">{k.description}</Text></Table.Td>
                      <Table.Td ta="right">{k.max_score}</Table.Td><Table.Td ta="right">{k.threshold ?? '—'}</Table.Td></Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Paper>
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              {c.lots.length > 0 && (
                <Paper withBorder p="md">
                  <Title order={2} size="h4" mb="xs">{t('call.lots')}</Title>
                  <List size="sm">{c.lots.map((l) => <List.Item key={l.code}>{l.code} — {tr(l.name)}{l.envelope_minor !== null && ` (${money(l.envelope_minor, c.currency)})`}</List.Item>)}</List>
                </Paper>
              )}
              {c.required_documents.length > 0 && (
                <Paper withBorder p="md">
                  <Title order={2} size="h4" mb="xs">{t('call.required_documents')}</Title>
                  <List size="sm">{c.required_documents.map((d) => <List.Item key={d.code}>{tr(d.name)}</List.Item>)}</List>
                </Paper>
              )}
            </SimpleGrid>
            {c.amendments.length > 0 && (
              <Paper withBorder p="md">
                <Title order={2} size="h4" mb="xs">{t('call.amendments')}</Title>
                <List size="sm">{c.amendments.map((m) => <List.Item key={m.number}>#{m.number} · {m.made_at.slice(0, 10)} · {m.reason} ({Object.keys(m.changes).join(', ')})</List.Item>)}</List>
              </Paper>
            )}
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="applications" pt="md">
          <Group justify="flex-end" mb="xs">
            {can('evaluations.manage') && <Button component="a" variant="default" href={inLanguage(`/api/v1/calls/${c.id}/applications.xlsx`)}>{t('common.export')}</Button>}
          </Group>
          <ApplicationsTable items={apps.data?.items ?? []} lots={c.lots} />
        </Tabs.Panel>
        <Tabs.Panel value="evaluation" pt="md"><EvaluationPanel call={c} /></Tabs.Panel>
        <Tabs.Panel value="ranking" pt="md"><RankingPanel call={c} /></Tabs.Panel>
      </Tabs>
      {amending && <AmendDialog call={c} onClose={() => { setAmending(false); refresh(); }} />}
    </Stack>
  );
}


// Lots by their names in the user's language when the call's lots are given (one call's list).
export function ApplicationsTable({ items, lots = [] }: { items: ApplicationSummary[]; lots?: Call['lots'] }) {
  const { t } = useTranslation();
  const tr = useTr();
  const money = useMoney();
  const lotName = (code: string) => { const l = lots.find((x) => x.code === code); return l ? tr(l.name) : code; };
  return (
    <Table striped highlightOnHover withTableBorder>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('appl.number')}</Table.Th><Table.Th>{t('appl.project')}</Table.Th><Table.Th>{t('appl.organisation')}</Table.Th>
          <Table.Th ta="right">{t('appl.grant')}</Table.Th><Table.Th>{t('appl.confirmed')}</Table.Th><Table.Th>{t('common.status')}</Table.Th><Table.Th>{t('appl.decision')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((a) => (
          <Table.Tr key={a.id}>
            <Table.Td ff="monospace" style={{ whiteSpace: 'nowrap' }}>{a.number ?? '—'}</Table.Td>
            <Table.Td><Anchor component={Link} to={`/applications/${a.id}`}>{a.title}</Anchor><Text size="xs" c="dimmed">{a.call_code}{a.lot ? ` · ${lotName(a.lot)}` : ''}</Text></Table.Td>
            <Table.Td>{a.organisation_name}</Table.Td>
            <Table.Td ta="right">{money(a.grant_minor, a.currency)}</Table.Td>
            <Table.Td>{a.confirmed ? t('common.yes') : t('common.no')}</Table.Td>
            <Table.Td><StatusBadge group="app_status" value={a.status} /></Table.Td>
            <Table.Td><StatusBadge group="decision" value={a.decision} /></Table.Td>
          </Table.Tr>
        ))}
        {items.length === 0 && <Table.Tr><Table.Td colSpan={7}>{t('common.none')}</Table.Td></Table.Tr>}
      </Table.Tbody>
    </Table>
  );
}

function EvaluationPanel({ call }: { call: Call }) {
  const { t } = useTranslation();
  const [per, setPer] = useState<number>(2);
  const evals = useEvaluations(call.id);
  const assign = async () => {
    try {
      const r = await post<{ assigned: number; applications: number; short_of_evaluators: number[] }>(`/api/v1/calls/${call.id}/assignments`, { per_application: per });
      notifications.show({ color: r.short_of_evaluators.length ? 'orange' : 'teal', message: t('eval.assigned', { n: r.assigned, apps: r.applications }) });
      evals.refetch();
    } catch (e) { notifications.show({ color: 'red', message: errorSentence(e, t) }); }
  };
  const byStatus = new Map<string, number>();
  for (const e of evals.data?.items ?? []) byStatus.set(e.status, (byStatus.get(e.status) ?? 0) + 1);
  return (
    <Stack>
      {call.status === 'under_evaluation' && (
        <Group align="flex-end">
          <NumberInput label={t('eval.perApplication')} min={2} max={5} value={per} onChange={(v) => setPer(Number(v))} w={200} />
          <Button onClick={assign}>{t('eval.assign')}</Button>
        </Group>
      )}
      {call.status !== 'under_evaluation' && <Alert color="gray">{t('eval.assignWhen')}</Alert>}
      <Text size="sm">{[...byStatus.entries()].map(([s, n]) => `${t(`eval_status.${s}`)}: ${n}`).join(' · ') || t('common.none')}</Text>
      <Table striped withTableBorder>
        <Table.Thead><Table.Tr><Table.Th>{t('appl.number')}</Table.Th><Table.Th>{t('eval.evaluator')}</Table.Th><Table.Th>{t('common.status')}</Table.Th><Table.Th ta="right">{t('eval.total')}</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {(evals.data?.items ?? []).map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td ff="monospace" style={{ whiteSpace: 'nowrap' }}><Anchor component={Link} to={`/applications/${e.application_id}`}>{e.application_number}</Anchor></Table.Td>
              <Table.Td>#{e.evaluator_id}</Table.Td>
              <Table.Td><StatusBadge group="eval_status" value={e.status} /></Table.Td>
              <Table.Td ta="right">{e.total ?? '—'} / {e.max_total}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

function AmendDialog({ call, onClose }: { call: Call; onClose: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [closes, setCloses] = useState(call.closes_at);
  const [desc, setDesc] = useState(call.description.ro);
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    const changes: Record<string, unknown> = {};
    if (closes !== call.closes_at) changes.closes_at = closes;
    if (desc !== call.description.ro) changes.description = { ...call.description, ro: desc };
    try {
      await api('POST', `/api/v1/calls/${call.id}/amendments`, { body: { reason, changes }, version: call.version });
      notifications.show({ color: 'teal', message: t('call.amended') });
      onClose();
    } catch (e) { setError(errorSentence(e, t)); }
  };
  return (
    <Modal opened onClose={onClose} title={t('call.amend')} size="lg">
      <Stack>
        <Text size="sm">{t('call.amendHelp')}</Text>
        {error && <Alert color="red" role="alert">{error}</Alert>}
        <DateTimeField label={t('call.closes_at')} value={closes} onChange={(d) => setCloses(d)} />
        <Textarea label={`${t('call.description')} (RO)`} autosize minRows={3} value={desc} onChange={(e) => setDesc(e.currentTarget.value)} />
        <Textarea label={t('call.amendReason')} required value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
        <Group justify="flex-end"><Button variant="default" onClick={onClose}>{t('common.cancel')}</Button><Button onClick={save}>{t('common.save')}</Button></Group>
      </Stack>
    </Modal>
  );
}
