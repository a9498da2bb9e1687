import { ActionIcon, Alert, Anchor, Button, FileButton, Grid, Group, List, Modal, NumberInput, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api, ApiError, post, type FieldError } from '../../api/client';
import { useSession } from '../../api/session';
import { TARGET_GROUPS, useDistricts, useLocalities } from '../../api/registry';
import { BUDGET_CATEGORIES, points, today, toMinor, upload, useMoney, useTr, type Activity, type Application, type BudgetLine, type Call, type TargetGroupCount, useApplication, useApplicationResult, useCall } from '../../api/grants';
import { ConflictDialog } from '../../components/ConflictDialog';
import { errorSentence, fieldErrorSentence } from '../../components/FormErrors';
import { useFormat } from '../../format';
import { StatusBadge } from '../../components/StatusBadge';
import { useAction } from '../../components/useAction';
import { useRecordForm } from '../../components/useRecordForm';
import { EntityPicker } from '../registry/EntityPicker';
import { gate } from '../../components/Gate';
import { fetchAnswer, invalidate } from '../../api/queries';
import { DateField } from '../../components/DateField';
import { confirmAction } from '../../components/Confirm';

export function ApplicationPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const q = useApplication(id!);
  const call = useCall(q.data?.call_id);
  const wait = gate(t, q, call);
  if (wait || !q.data || !call.data) return wait;
  return <ApplicationView key={`${q.data.id}-${q.data.version}-${q.data.documents.length}`} a={q.data} call={call.data} reload={() => q.refetch()} />;
}

// Check messages in the interface's language: the code names the rule, the server's text the detail.
// A missing document is named by the call's own name for it; a budget line by its number.
function useCheckText(call: Call) {
  const { t } = useTranslation();
  const tr = useTr();
  return (e: FieldError) => {
    const key = `check.${e.code}`;
    const s = t(key);
    if (s === key) return fieldErrorSentence(t, e);
    if (e.code === 'missing') return `${s}: ${tr(call.required_documents.find((d) => `documents.${d.code}` === e.field)?.name) || e.field}`;
    const line = /^(budget|workplan)\[(\d+)\]/.exec(e.field);
    if (line) return `${t(line[1] === 'budget' ? 'appl.budgetLineN' : 'appl.activityN', { n: Number(line[2]) + 1 })}: ${s}`;
    if (e.code === 'too_long') return `${s} (${fieldErrorSentence(t, e)})`;
    return s;
  };
}

function ApplicationView({ a, call, reload }: { a: Application; call: Call; reload: () => void }) {
  const { t } = useTranslation();
  const tr = useTr();
  const money = useMoney();
  const checkText = useCheckText(call);
  const fmt = useFormat();
  const qc = useQueryClient();
  const { session, can } = useSession();
  const me = session!.user;
  const cur = call.currency;
  const isApplicant = can('applications.write') && me.organisation_id === a.organisation_id;
  const editable = isApplicant && a.editable;
  const districts = useDistricts();
  const f = useRecordForm<Application>({
    base: a, empty: {},
    create: () => Promise.reject(new Error('not used')),
    update: (changes, version) => api<Application>('PATCH', `/api/v1/applications/${a.id}`, { body: changes, version }),
    fetchLatest: () => fetchAnswer('/api/v1/applications/{id}', { path: { id: a.id } }),
    onSaved: () => { invalidate(qc, ['/api/v1/applications/{id}', { id: a.id }]); },
  });
  const localities = useLocalities(f.values.district as string | null);
  const v = f.values as unknown as Application;
  const err = (k: string) => f.errors[k];
  const budget = v.budget ?? [];
  const setLine = (i: number, p: Partial<BudgetLine>) => f.set('budget', budget.map((l, j) => (j === i ? { ...l, ...p } : l)));
  const groups = v.target_groups ?? [];
  const work = v.workplan ?? [];
  const sum = (k: keyof BudgetLine) => budget.reduce((s, l) => s + Number(l[k] || 0), 0);
  // The refusal of a submission lists the checks that failed, in the user's language.
  const act = useAction(() => { reload(); invalidate(qc, '/api/v1/applications'); },
    { detail: (e) => (e instanceof ApiError ? (e.problem.errors ?? []).map(checkText).join(' · ') : ''), afterFailure: true });
  const periods = Math.max(1, Math.ceil(Number(v.duration_months || call.period_months) / call.period_months));
  const periodData = Array.from({ length: periods }, (_, i) => ({ value: String(i + 1), label: t('appl.periodN', { n: i + 1 }) }));
  const labels = { title: t('appl.project'), summary: t('appl.summary'), budget: t('appl.budget'), workplan: t('appl.workplan') };
  const docKinds = call.required_documents;
  const isAuthority = me.authority_id !== null && me.authority_id === a.partner_authority_id && can('applications.confirm');

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <div>
          <Text c="dimmed"><Anchor underline="always" component={Link} to={`/calls/${call.id}`}>{call.code}</Anchor> · {a.organisation_name}</Text>
          <Title order={1}>{a.title}</Title>
          <Group gap="xs" mt={4}>
            {a.number && <Text ff="monospace" fw={600}>{a.number}</Text>}
            <StatusBadge group="app_status" value={a.status} />
            {a.status === 'submitted' && <Text size="sm">{t('appl.snapshots', { n: a.snapshots })}</Text>}
          </Group>
        </div>
        <Group>
          {isApplicant && a.status === 'draft' && a.editable && (
            <Button disabled={a.checks.length > 0} onClick={async () => (await confirmAction({ title: t('ask.submitApplication.title'), body: t('ask.submitApplication.body', { call: call.code }), final: t('ask.submitApplication.final'), confirm: t('appl.submit') }))
              && act(() => api('POST', `/api/v1/applications/${a.id}/submit`, { version: a.version }), t('appl.submitted'))}>{t('appl.submit')}</Button>
          )}
          {isApplicant && a.status === 'submitted' && a.call.status === 'published' && (
            <>
              <Button variant="default" onClick={() => act(() => api('POST', `/api/v1/applications/${a.id}/reopen`, { version: a.version }), t('common.saved'))}>{t('appl.reopen')}</Button>
              <Button color="#c92a2a" variant="outline" onClick={() => act(() => api('POST', `/api/v1/applications/${a.id}/withdraw`, { version: a.version }), t('app_status.withdrawn'))}>{t('appl.withdraw')}</Button>
            </>
          )}
          {a.agreement_id && <Button component={Link} to={`/agreements/${a.agreement_id}`}>{t('agr.open')}</Button>}
        </Group>
      </Group>
      {a.status === 'draft' && !a.editable && <Alert color="#a63a0a">{t('appl.deadlinePassed')}</Alert>}
      {isApplicant && a.status === 'draft' && a.editable && (
        <Paper withBorder p="md" data-testid="checks">
          <Title order={2} size="h4" mb="xs">{a.checks.length ? t('appl.checksTodo', { n: a.checks.length }) : t('appl.checksOk')}</Title>
          {a.checks.length > 0 && <List size="sm" c="red.9">{a.checks.map((c, i) => <List.Item key={i}>{checkText(c)}</List.Item>)}</List>}
          <Text size="sm" c="dimmed" mt="xs">{t('appl.deadline', { at: fmt.dateTime(call.closes_at) })}</Text>
        </Paper>
      )}
      {isAuthority && a.status !== 'withdrawn' && <ConfirmationPanel a={a} onDone={reload} />}
      {f.formError && <Alert color="red" role="alert">{f.formError}</Alert>}
      <form noValidate onSubmit={(e) => { e.preventDefault(); f.submit(); }}>
        <Stack>
          <Paper withBorder p="md">
            <Grid>
              <Grid.Col span={{ base: 12, md: 8 }}>
                <TextInput label={t('appl.project')} required value={v.title ?? ''} onChange={(e) => f.set('title', e.currentTarget.value)} error={err('title')} disabled={!editable} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 4 }}>
                {call.lots.length > 0 && <Select label={t('call.lot')} value={v.lot} onChange={(x) => f.set('lot', x)} disabled={!editable} error={err('lot')}
                  data={call.lots.map((l) => ({ value: l.code, label: `${l.code} — ${tr(l.name)}` }))} />}
              </Grid.Col>
              <Grid.Col span={12}>
                <Textarea label={t('appl.summary')} autosize minRows={3} value={v.summary ?? ''} onChange={(e) => f.set('summary', e.currentTarget.value || null)} error={err('summary')} disabled={!editable} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 3 }}>
                <Select label={t('common.district')} searchable value={v.district} onChange={(x) => { f.set('district', x); f.set('locality', null); }} disabled={!editable} error={err('district')}
                  data={(districts.data ?? []).map((d) => ({ value: d.code, label: d.name }))} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 3 }}>
                <Select label={t('appl.locality')} searchable value={v.locality} onChange={(x) => f.set('locality', x)} disabled={!editable || !v.district} error={err('locality')}
                  data={(localities.data ?? []).map((d) => ({ value: d.code, label: d.name }))} />
              </Grid.Col>
              <Grid.Col span={{ base: 6, md: 3 }}>
                <DateField label={t('appl.starts_on')} value={v.starts_on ?? ''} onChange={(d) => f.set('starts_on', d || null)} error={err('starts_on')} disabled={!editable} />
              </Grid.Col>
              <Grid.Col span={{ base: 6, md: 3 }}>
                <NumberInput label={t('appl.duration')} min={1} max={call.max_duration_months} value={v.duration_months ?? ''} onChange={(x) => f.set('duration_months', x === '' ? null : Number(x))} error={err('duration_months')} disabled={!editable} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 6 }}>
                <EntityPicker kind="authorities" label={t('appl.partner')} value={v.partner_authority_id} name={a.partner_authority_name ?? undefined} disabled={!editable}
                  error={err('partner_authority_id')} onChange={(id) => f.set('partner_authority_id', id)} />
                <Text size="xs" mt={4} c={a.confirmed_at ? 'teal.9' : a.declined_at ? 'red.8' : 'dimmed'} data-testid="confirmation-state">
                  {a.confirmed_at ? t('appl.confirmedOn', { at: fmt.date(a.confirmed_at), amount: money(a.confirmed_authority_minor, cur) })
                    : a.declined_at ? t('appl.declinedOn', { at: fmt.date(a.declined_at) }) : t('appl.notConfirmed')}
                  {a.confirmation_note && <> — „{a.confirmation_note}”</>}
                </Text>
              </Grid.Col>
            </Grid>
          </Paper>
          <Paper withBorder p="md">
            <Title order={2} size="h4" mb="xs">{t('appl.targetGroups')}</Title>
            {err('target_groups') && <Text c="#c92a2a" size="sm" role="alert">{err('target_groups')}</Text>}
            {groups.map((g, i) => (
              <Group key={i} align="flex-end" mb="xs">
                <Select label={t('appl.group')} value={g.group} disabled={!editable} w={320} data={TARGET_GROUPS.map((x) => ({ value: x, label: t(`target_group.${x}`) }))}
                  onChange={(x) => f.set('target_groups', groups.map((y, j) => (j === i ? { ...y, group: x ?? '' } : y)))} />
                <NumberInput label={t('appl.people')} min={0} w={140} value={g.people} disabled={!editable}
                  onChange={(x) => f.set('target_groups', groups.map((y, j) => (j === i ? { ...y, people: Number(x || 0) } : y)))} error={err(`target_groups[${i}].people`)} />
                {editable && <ActionIcon variant="default" size="lg" aria-label={t('pship.remove')} onClick={() => f.set('target_groups', groups.filter((_, j) => j !== i))}>×</ActionIcon>}
              </Group>
            ))}
            {editable && <Button variant="default" size="xs" onClick={() => f.set('target_groups', [...groups, { group: call.eligible_target_groups[0] ?? 'children_at_risk', people: 0 } as TargetGroupCount])}>{t('common.addRow')}</Button>}
          </Paper>
          <Paper withBorder p="md">
            <Title order={2} size="h4" mb="xs">{t('appl.workplan')}</Title>
            {err('workplan') && <Text c="#c92a2a" size="sm" role="alert">{err('workplan')}</Text>}
            {work.map((w, i) => (
              <Grid key={i} align="flex-end">
                <Grid.Col span={{ base: 4, md: 2 }}><Select label={t('appl.period')} value={String(w.period)} data={periodData} disabled={!editable}
                  onChange={(x) => f.set('workplan', work.map((y, j) => (j === i ? { ...y, period: Number(x) } : y)))} error={err(`workplan[${i}].period`)} /></Grid.Col>
                <Grid.Col span={{ base: 8, md: 4 }}><TextInput label={t('appl.activity')} value={w.activity} disabled={!editable}
                  onChange={(e) => { const s = e.currentTarget.value; f.set('workplan', work.map((y, j) => (j === i ? { ...y, activity: s } : y))); }} error={err(`workplan[${i}].activity`)} /></Grid.Col>
                <Grid.Col span={{ base: 10, md: 5 }}><TextInput label={t('call.description')} value={w.description} disabled={!editable}
                  onChange={(e) => { const s = e.currentTarget.value; f.set('workplan', work.map((y, j) => (j === i ? { ...y, description: s } : y))); }} /></Grid.Col>
                <Grid.Col span={{ base: 2, md: 1 }}>{editable && <ActionIcon variant="default" size="lg" aria-label={t('pship.remove')} onClick={() => f.set('workplan', work.filter((_, j) => j !== i))}>×</ActionIcon>}</Grid.Col>
              </Grid>
            ))}
            {editable && <Button variant="default" size="xs" mt="xs" onClick={() => f.set('workplan', [...work, { period: 1, activity: '', description: '' } as Activity])}>{t('common.addRow')}</Button>}
          </Paper>
          <Paper withBorder p="md">
            <Title order={2} size="h4" mb="xs">{t('appl.budget')} ({cur})</Title>
            {err('budget') && <Text c="#c92a2a" size="sm" role="alert">{err('budget')}</Text>}
            {/* Scrolls sideways on narrow screens; focusable so the keyboard can scroll it too. */}
            <div style={{ overflowX: 'auto' }} tabIndex={0} role="region" aria-label={t('appl.budget')}>
            <Table withTableBorder data-testid="budget-grid" miw={1000}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('appl.category')}</Table.Th><Table.Th>{t('call.description')}</Table.Th><Table.Th>{t('appl.period')}</Table.Th>
                  <Table.Th>{t('appl.lineTotal')}</Table.Th><Table.Th>{t('appl.grant')}</Table.Th><Table.Th>{t('call.applicant')}</Table.Th><Table.Th>{t('call.authority')}</Table.Th><Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {budget.map((l, i) => {
                  const off = l.grant_minor + l.applicant_minor + l.authority_minor !== l.total_minor;
                  const m = (k: keyof BudgetLine, label: string) => (
                    <NumberInput w={110} aria-label={`${label} ${i + 1}`} min={0} decimalScale={2} thousandSeparator=" " hideControls disabled={!editable}
                      value={Number(l[k]) / 100} onChange={(x) => setLine(i, { [k]: toMinor(x) })} error={err(`budget[${i}].${k}`) ?? (k === 'total_minor' && off ? t('check.does_not_add_up') : undefined)} />
                  );
                  return (
                    <Table.Tr key={i} data-testid={`budget-line-${i}`}>
                      <Table.Td><Select aria-label={`${t('appl.category')} ${i + 1}`} value={l.category} disabled={!editable} w={160}
                        data={BUDGET_CATEGORIES.map((c) => ({ value: c, label: t(`budget_category.${c}`) }))} onChange={(x) => setLine(i, { category: (x ?? 'other') as BudgetLine['category'] })} /></Table.Td>
                      <Table.Td><TextInput miw={150} aria-label={`${t('call.description')} ${i + 1}`} value={l.description} disabled={!editable} onChange={(e) => setLine(i, { description: e.currentTarget.value })} error={err(`budget[${i}].description`)} /></Table.Td>
                      <Table.Td><Select aria-label={`${t('appl.period')} ${i + 1}`} value={String(l.period)} data={periodData} w={115} disabled={!editable} onChange={(x) => setLine(i, { period: Number(x) })} error={err(`budget[${i}].period`)} /></Table.Td>
                      <Table.Td>{m('total_minor', t('appl.lineTotal'))}</Table.Td>
                      <Table.Td>{m('grant_minor', t('appl.grant'))}</Table.Td>
                      <Table.Td>{m('applicant_minor', t('call.applicant'))}</Table.Td>
                      <Table.Td>{m('authority_minor', t('call.authority'))}</Table.Td>
                      <Table.Td>{editable && <ActionIcon variant="default" aria-label={t('pship.remove')} onClick={() => f.set('budget', budget.filter((_, j) => j !== i))}>×</ActionIcon>}</Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
              <Table.Tfoot>
                <Table.Tr fw={700}>
                  <Table.Td colSpan={3}>{t('appl.totals')}</Table.Td>
                  <Table.Td data-testid="sum-total">{money(sum('total_minor'), cur)}</Table.Td>
                  <Table.Td data-testid="sum-grant">{money(sum('grant_minor'), cur)}</Table.Td>
                  <Table.Td>{money(sum('applicant_minor'), cur)}</Table.Td>
                  <Table.Td>{money(sum('authority_minor'), cur)}</Table.Td>
                  <Table.Td />
                </Table.Tr>
              </Table.Tfoot>
            </Table>
            </div>
            {editable && <Button variant="default" size="xs" mt="xs" onClick={() => f.set('budget', [...budget, { category: 'staff', description: '', period: 1, total_minor: 0, grant_minor: 0, applicant_minor: 0, authority_minor: 0 }])}>{t('appl.addLine')}</Button>}
            <Text size="sm" mt="xs" c="dimmed">{t('appl.rules', { min: money(call.min_grant_minor, cur), max: money(call.max_grant_minor, cur), a: call.min_applicant_share_bp / 100, l: call.min_authority_share_bp / 100 })}</Text>
            {editable && (() => {
              // The call's rules checked as the applicant types: the same the server applies on submission.
              const total = sum('total_minor'), grant = sum('grant_minor'), own = sum('applicant_minor'), theirs = sum('authority_minor');
              const pct = (x: number) => (total > 0 ? fmt.number((x * 100) / total, 1) : '0');
              const live: string[] = [];
              if (grant > call.max_grant_minor) live.push(t('live.aboveMax', { grant: money(grant, cur), max: money(call.max_grant_minor, cur) }));
              if (grant > 0 && grant < call.min_grant_minor) live.push(t('live.belowMin', { grant: money(grant, cur), min: money(call.min_grant_minor, cur) }));
              if (total > 0 && own * 10000 < call.min_applicant_share_bp * total) live.push(t('live.applicantShare', { share: pct(own), min: fmt.number(call.min_applicant_share_bp / 100, 1) }));
              if (total > 0 && theirs * 10000 < call.min_authority_share_bp * total) live.push(t('live.authorityShare', { share: pct(theirs), min: fmt.number(call.min_authority_share_bp / 100, 1) }));
              return live.length > 0 && (
                <Alert color="#a63a0a" mt="xs" data-testid="live-checks" title={t('live.title')}>
                  {live.map((x) => <Text size="sm" key={x}>{x}</Text>)}
                </Alert>
              );
            })()}
          </Paper>
          {editable && <Group justify="flex-end"><Button type="submit" loading={f.saving}>{t('appl.saveDraft')}</Button></Group>}
        </Stack>
      </form>
      <Paper withBorder p="md">
        <Title order={2} size="h4" mb="xs">{t('pship.documents')}</Title>
        <Table>
          <Table.Tbody>
            {docKinds.map((k) => {
              const have = a.documents.filter((d) => d.kind === k.code);
              return (
                <Table.Tr key={k.code}>
                  <Table.Td>{tr(k.name)}</Table.Td>
                  <Table.Td>{have.length ? have.map((d) => <Anchor key={d.id} href={`/api/v1/documents/${d.id}`} mr="sm">{d.filename}</Anchor>) : <Text c="#c92a2a" size="sm">{t('appl.missingDoc')}</Text>}</Table.Td>
                  <Table.Td>{editable && (
                    <FileButton onChange={(file) => file && act(() => upload(`/api/v1/applications/${a.id}/documents`, file, { kind: k.code }), t('pship.uploaded'))}>
                      {(props) => <Button size="xs" variant="default" {...props} aria-label={`${t('pship.upload')}: ${tr(k.name)}`}>{t('pship.upload')}</Button>}
                    </FileButton>
                  )}</Table.Td>
                </Table.Tr>
              );
            })}
            {a.documents.filter((d) => !docKinds.some((k) => k.code === d.kind)).map((d) => (
              <Table.Tr key={d.id}><Table.Td>{t('appl.otherDoc')}</Table.Td><Table.Td><Anchor href={`/api/v1/documents/${d.id}`}>{d.filename}</Anchor></Table.Td><Table.Td /></Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      {(a.call.status === 'decided' || a.call.status === 'archived' || can('evaluations.manage')) && a.status === 'submitted' && <ResultPanel a={a} call={call} />}
      {f.conflict && <ConflictDialog base={f.conflict.base} latest={f.conflict.latest} mine={f.conflict.mine} labels={labels} onReload={f.reload} onKeepMine={f.keepMine} onClose={f.closeConflict} />}
    </Stack>
  );
}

function ConfirmationPanel({ a, onDone }: { a: Application; onDone: () => void }) {
  const { t } = useTranslation();
  const money = useMoney();
  const fmt = useFormat();
  const [note, setNote] = useState(a.confirmation_note ?? '');
  const [changing, setChanging] = useState(false);
  // Answered for this budget: the answer and its note, and a way to change it while still a draft.
  const answered = (a.confirmed_at && a.confirmed_authority_minor === a.authority_minor) || a.declined_at;
  const send = async (confirm: boolean) => {
    try {
      await api('POST', `/api/v1/applications/${a.id}/confirmation`, { body: confirm ? { confirm, authority_minor: a.authority_minor, ...(note ? { note } : {}) } : { confirm, note: note || '—' }, version: a.version });
      notifications.show({ color: 'teal', message: confirm ? t('appl.confirmDone') : t('appl.declineDone') });
      setChanging(false);
      onDone();
    } catch (e) { notifications.show({ color: 'red', message: errorSentence(e, t) }); }
  };
  if (answered && !changing) return (
    <Paper withBorder p="md" data-testid="confirmation-answered">
      <Title order={2} size="h4">{t('appl.confirmTitle')}</Title>
      <Text size="sm" my="xs" c={a.declined_at ? 'red.8' : 'teal.9'} fw={600}>
        {a.declined_at ? t('appl.declinedOn', { at: fmt.date(a.declined_at) }) : t('appl.confirmedOn', { at: fmt.date(a.confirmed_at), amount: money(a.confirmed_authority_minor, a.call.currency) })}
      </Text>
      {a.confirmation_note && <Text size="sm" fs="italic">„{a.confirmation_note}”</Text>}
      {a.status === 'draft' && <Button variant="subtle" size="compact-sm" mt="xs" onClick={() => setChanging(true)}>{t('appl.changeAnswer')}</Button>}
    </Paper>
  );
  return (
    <Paper withBorder p="md" bg="teal.0" data-testid="confirmation-panel">
      <Title order={2} size="h4">{t('appl.confirmTitle')}</Title>
      <Text size="sm" my="xs">{t('appl.confirmAsk', { org: a.organisation_name, amount: money(a.authority_minor, a.call.currency), total: money(a.total_minor, a.call.currency) })}</Text>
      <Textarea label={t('appl.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
      <Group mt="sm">
        <Button onClick={() => send(true)}>{t('appl.confirm')}</Button>
        <Button variant="outline" color="#c92a2a" onClick={() => send(false)}>{t('appl.decline')}</Button>
      </Group>
    </Paper>
  );
}

function ResultPanel({ a, call }: { a: Application; call: Call }) {
  const { t } = useTranslation();
  const tr = useTr();
  const money = useMoney();
  const nav = useNavigate();
  const { can } = useSession();
  const q = useApplicationResult(a.id);
  const [making, setMaking] = useState(false);
  const [starts, setStarts] = useState(today());
  const [months, setMonths] = useState<number>(a.duration_months ?? 12);
  if (!q.data) return null;
  const r = q.data;
  const criteria = r.criteria as unknown as { code: string; name: { ro: string; ru: string; en: string }; max_score: number }[];
  const make = async () => {
    try {
      const g = await post<{ id: number }>(`/api/v1/applications/${a.id}/agreement`, { starts_on: starts, duration_months: months });
      // Close the dialog first: an open modal's own updates would hold the route change back.
      setMaking(false);
      nav(`/agreements/${g.id}`);
    } catch (e) { notifications.show({ color: 'red', message: errorSentence(e, t) }); }
  };
  return (
    <Paper withBorder p="md" data-testid="result">
      <Group justify="space-between">
        <Title order={2} size="h4">{t('appl.result')}</Title>
        {can('agreements.manage') && r.decision === 'award' && !a.agreement_id && <Button onClick={() => setMaking(true)}>{t('agr.create')}</Button>}
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 4 }} my="sm">
        <div><Text size="xs" c="dimmed">{t('appl.decision')}</Text><StatusBadge group="decision" value={r.decision} /></div>
        <div><Text size="xs" c="dimmed">{t('rank.score')}</Text><Text fw={700}>{points(r.final_score)} / {r.max_total}</Text></div>
        <div><Text size="xs" c="dimmed">{t('rank.rank')}</Text><Text fw={700}>{r.rank ?? '—'} / {r.ranked_in_lot}</Text></div>
        <div><Text size="xs" c="dimmed">{t('rank.amount')}</Text><Text fw={700}>{money(r.awarded_minor, r.currency)}</Text></div>
      </SimpleGrid>
      {r.decision_reason && <Text size="sm">{t('rank.reason')}: {r.decision_reason}</Text>}
      <Table mt="sm" withTableBorder>
        <Table.Thead><Table.Tr><Table.Th>{t('call.criterion')}</Table.Th><Table.Th ta="right">{t('appl.average')}</Table.Th>
          {r.evaluator_scores.map((e) => <Table.Th key={e.label} ta="right">{e.label}</Table.Th>)}</Table.Tr></Table.Thead>
        <Table.Tbody>
          {criteria.map((k) => (
            <Table.Tr key={k.code}>
              <Table.Td>{tr(k.name)} <Text span size="xs" c="dimmed">/ {k.max_score}</Text></Table.Td>
              <Table.Td ta="right">{points((r.criterion_averages as Record<string, number>)[k.code])}</Table.Td>
              {r.evaluator_scores.map((e) => {
                const s = e.scores.find((x) => x.criterion === k.code);
                return <Table.Td key={e.label} ta="right" title={s?.justification}>{s?.score ?? '—'}</Table.Td>;
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {r.evaluator_scores.some((e) => e.scores.length) && (
        <Stack gap={4} mt="sm">
          {r.evaluator_scores.map((e) => e.scores.map((s) => <Text key={`${e.label}-${s.criterion}`} size="xs"><b>{e.label} · {s.criterion}:</b> {s.justification}</Text>))}
        </Stack>
      )}
      <Modal opened={making} onClose={() => setMaking(false)} title={t('agr.create')}>
        <Stack>
          <Text size="sm">{t('agr.createHelp', { amount: money(r.awarded_minor, r.currency) })}</Text>
          <DateField label={t('appl.starts_on')} value={starts} onChange={(d) => setStarts(d)} />
          <NumberInput label={t('appl.duration')} min={1} max={call.max_duration_months} value={months} onChange={(x) => setMonths(Number(x))} />
          <Group justify="flex-end"><Button variant="default" onClick={() => setMaking(false)}>{t('common.cancel')}</Button><Button onClick={make}>{t('agr.create')}</Button></Group>
        </Stack>
      </Modal>
    </Paper>
  );
}
