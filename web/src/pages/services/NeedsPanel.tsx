import { ActionIcon, Badge, Button, Group, NumberInput, Paper, Progress, Select, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, post } from '../../api/client';
import { today } from '../../format';
import { useSession } from '../../api/session';
import { NEED_DOMAINS, type Person, type Plan } from '../../api/services';
import { useAction } from '../../components/useAction';
import { useSubmit } from '../../components/useSubmit';
import { DateField } from '../../components/DateField';

const LEVEL_COLOR = ['', '#1e6b34', '#5c940d', '#a63a0a', '#c92a2a'];

// The needs assessment (domains scored 1–4: 1 no need, 4 high need) and the individual plan.
export function NeedsPanel({ person, onChange }: { person: Person; onChange: () => void }) {
  const { t } = useTranslation();
  const [assessing, setAssessing] = useState(person.assessments.length === 0);
  const [planning, setPlanning] = useState(false);
  const last = person.assessments[person.assessments.length - 1];
  const anonymised = person.status === 'anonymised';
  return (
    <Stack>
      <Paper withBorder p="md">
        <Group justify="space-between" mb="xs">
          <Title order={2} size="h4">{t('needs.assessment')}</Title>
          {!assessing && !anonymised && <Button size="xs" variant="default" onClick={() => setAssessing(true)}>{t('needs.newAssessment')}</Button>}
        </Group>
        {assessing && !anonymised ? <AssessmentForm person={person} onDone={() => { setAssessing(false); onChange(); }} /> : last ? (
          <>
            <Text size="sm" c="dimmed">{t('needs.assessedOn', { date: last.assessed_on })}</Text>
            <Table mt="xs"><Table.Tbody>
              {last.domains.map((d) => (
                <Table.Tr key={d.domain}><Table.Td>{t(`need_domain.${d.domain}`)}</Table.Td>
                  <Table.Td><Badge variant="filled" color={LEVEL_COLOR[d.level]}>{t(`need_level.${d.level}`)}</Badge></Table.Td><Table.Td>{d.notes}</Table.Td></Table.Tr>
              ))}
            </Table.Tbody></Table>
            <Text mt="xs">{last.summary}</Text>
          </>
        ) : <Text>{t('needs.none')}</Text>}
      </Paper>
      <Paper withBorder p="md">
        <Group justify="space-between" mb="xs">
          <Title order={2} size="h4">{t('plan.title')}</Title>
          {!planning && !anonymised && <Button size="xs" variant="default" onClick={() => setPlanning(true)}>{t('plan.new')}</Button>}
        </Group>
        {planning && <PlanForm person={person} onDone={() => { setPlanning(false); onChange(); }} />}
        {person.plans.length === 0 && !planning && <Text>{t('plan.none')}</Text>}
        {[...person.plans].reverse().map((p) => <PlanCard key={`${p.id}-${p.version}`} plan={p} onChange={onChange} readOnly={anonymised} />)}
      </Paper>
    </Stack>
  );
}

function AssessmentForm({ person, onDone }: { person: Person; onDone: () => void }) {
  const { t } = useTranslation();
  const [on, setOn] = useState(today());
  const [levels, setLevels] = useState<Record<string, string>>({});
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [summary, setSummary] = useState('');
  const { errors, error, submit } = useSubmit();
  const save = () => {
    const domains = NEED_DOMAINS.filter((d) => levels[d]).map((d) => ({ domain: d, level: Number(levels[d]), ...(notes[d] ? { notes: notes[d] } : {}) }));
    submit(() => post(`/api/v1/people/${person.id}/assessments`, { assessed_on: on, summary, domains }), onDone);
  };
  return (
    <Stack>
      <DateField label={t('needs.on')} w={200} value={on} onChange={(d) => setOn(d)} error={errors.assessed_on} />
      <Text size="sm" c="dimmed">{t('needs.help')}</Text>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {NEED_DOMAINS.map((d) => (
          <Group key={d} gap="xs" wrap="nowrap" align="flex-end">
            <Select label={t(`need_domain.${d}`)} w={220} clearable value={levels[d] ?? null} onChange={(x) => setLevels({ ...levels, [d]: x ?? '' })}
              data={[1, 2, 3, 4].map((l) => ({ value: String(l), label: t(`need_level.${l}`) }))} />
            <TextInput aria-label={`${t(`need_domain.${d}`)}: ${t('needs.notes')}`} placeholder={t('needs.notes')} style={{ flex: 1 }} value={notes[d] ?? ''} onChange={(e) => setNotes({ ...notes, [d]: e.currentTarget.value })} />
          </Group>
        ))}
      </SimpleGrid>
      {errors.domains && <Text c="red.8" size="sm">{t('needs.pickOne')}</Text>}
      <Textarea label={t('needs.summary')} required autosize minRows={2} value={summary} onChange={(e) => setSummary(e.currentTarget.value)} error={errors.summary} />
      {error && <Text c="red.8" role="alert">{error}</Text>}
      <Group justify="flex-end"><Button onClick={save}>{t('needs.save')}</Button></Group>
    </Stack>
  );
}

interface GoalRow { goal: string; target_on: string }

function PlanForm({ person, onDone }: { person: Person; onDone: () => void }) {
  const { t } = useTranslation();
  const { session } = useSession();
  const [starts, setStarts] = useState(today());
  const [review, setReview] = useState('');
  const [goals, setGoals] = useState<GoalRow[]>([{ goal: '', target_on: '' }]);
  const { errors, error, submit } = useSubmit();
  const save = () => {
    const body = { starts_on: starts, review_on: review, goals: goals.filter((g) => g.goal.trim()).map((g) => ({ goal: g.goal, responsible_id: session!.user.id, ...(g.target_on ? { target_on: g.target_on } : {}) })) };
    submit(() => post(`/api/v1/people/${person.id}/plans`, body), onDone);
  };
  return (
    <Stack mb="md">
      <Group>
        <DateField label={t('plan.starts')} value={starts} onChange={(d) => setStarts(d)} error={errors.starts_on} />
        <DateField label={t('plan.review')} required value={review} onChange={(d) => setReview(d)} error={errors.review_on} />
      </Group>
      {goals.map((g, i) => (
        <Group key={i} align="flex-end" wrap="nowrap">
          <TextInput label={t('plan.goalN', { n: i + 1 })} style={{ flex: 1 }} value={g.goal} error={errors[`goals[${i}].goal`]}
            onChange={(e) => { const n = [...goals]; n[i] = { ...g, goal: e.currentTarget.value }; setGoals(n); }} />
          <DateField label={t('plan.target')} value={g.target_on} onChange={(d) => { const n = [...goals]; n[i] = { ...g, target_on: d }; setGoals(n); }} />
          <ActionIcon variant="subtle" color="red.8" aria-label={t('plan.removeGoal')} disabled={goals.length === 1} onClick={() => setGoals(goals.filter((_, j) => j !== i))}>×</ActionIcon>
        </Group>
      ))}
      {errors.goals && <Text c="red.8" size="sm">{t('plan.needGoal')}</Text>}
      <Group justify="space-between">
        <Button variant="subtle" onClick={() => setGoals([...goals, { goal: '', target_on: '' }])}>{t('plan.addGoal')}</Button>
        <Button onClick={save}>{t('plan.save')}</Button>
      </Group>
      {error && <Text c="red.8" role="alert">{error}</Text>}
    </Stack>
  );
}

// A plan under review: each goal's progress and status, the next review date.
function PlanCard({ plan, onChange, readOnly }: { plan: Plan; onChange: () => void; readOnly: boolean }) {
  const { t } = useTranslation();
  const [goals, setGoals] = useState(plan.goals);
  const [review, setReview] = useState(plan.review_on);
  const run = useAction(onChange, { afterFailure: true });
  const changed = JSON.stringify(goals) !== JSON.stringify(plan.goals) || review !== plan.review_on;
  return (
    <Paper withBorder p="sm" mb="sm" bg={plan.review_due ? 'orange.0' : undefined}>
      <Group justify="space-between" mb="xs">
        <Text fw={600}>{t('plan.period', { from: plan.starts_on })} · <Badge variant="filled" color={plan.status === 'active' ? 'teal.9' : 'gray.7'}>{t(`plan_status.${plan.status}`)}</Badge>
          {plan.review_due && <Badge ml="xs" variant="filled" color="#a63a0a">{t('plan.reviewDue')}</Badge>}</Text>
        <DateField size="xs" label={t('plan.review')} value={review} disabled={readOnly} onChange={(d) => setReview(d)} />
      </Group>
      <Table>
        <Table.Tbody>
          {goals.map((g, i) => (
            <Table.Tr key={i}>
              <Table.Td>{g.goal}{g.target_on && <Text size="xs" c="dimmed">{t('plan.targetOn', { date: g.target_on })}</Text>}</Table.Td>
              <Table.Td w={200}><Progress value={g.progress ?? 0} color={g.status === 'achieved' ? 'teal' : 'blue'} aria-label={`${g.goal}: ${g.progress ?? 0}%`} /></Table.Td>
              <Table.Td w={110}><NumberInput size="xs" min={0} max={100} step={10} suffix="%" aria-label={t('plan.progressOf', { goal: g.goal })} disabled={readOnly} value={g.progress ?? 0}
                onChange={(x) => { const n = [...goals]; n[i] = { ...g, progress: Number(x) || 0 }; setGoals(n); }} /></Table.Td>
              <Table.Td w={150}><Select size="xs" aria-label={t('plan.statusOf', { goal: g.goal })} disabled={readOnly} value={g.status ?? 'open'} allowDeselect={false}
                data={['open', 'achieved', 'dropped'].map((s) => ({ value: s, label: t(`goal_status.${s}`) }))}
                onChange={(x) => { const n = [...goals]; n[i] = { ...g, status: (x ?? 'open') as typeof g.status }; setGoals(n); }} /></Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {!readOnly && (
        <Group justify="flex-end" mt="xs">
          <Button size="xs" disabled={!changed} onClick={() => run(() => api('PATCH', `/api/v1/plans/${plan.id}`, { body: { goals, review_on: review }, version: plan.version }), t('plan.reviewed'))}>{t('plan.saveReview')}</Button>
        </Group>
      )}
    </Paper>
  );
}
