import { Badge, Button, Group, Modal, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, post } from '../../api/client';
import { today, useFormat } from '../../format';
import { FAMILIES, OUTCOMES, useActiveServices, type Person, type Service } from '../../api/services';
import { useSubmit } from '../../components/useSubmit';
import { DateField } from '../../components/DateField';

interface Followup { id: number; months: number; due_on: string; done_on: string | null; situation: string | null; notes: string | null; version: number; overdue: boolean }
interface Pathway { id: number; institution: string; left_on: string; transition_plan: string; receiving_service_id: number | null; receiving_family: string | null; outcome: string | null; outcome_on: string | null; followups: Followup[] }

// Leaving a residential institution: the pathway, and its follow-ups at 3, 6 and 12 months.
export function PathwayPanel({ person, onChange }: { person: Person; onChange: () => void }) {
  const fmt = useFormat();
  const { t } = useTranslation();
  const pw = person.pathway as Pathway | null;
  const [recording, setRecording] = useState<Followup | null>(null);
  const services = useActiveServices();
  if (!pw) return person.status === 'anonymised' ? <Text>{t('path.none')}</Text> : <PathwayForm person={person} services={services.data ?? []} onDone={onChange} />;
  const receiving = services.data?.find((s) => s.id === pw.receiving_service_id)?.name;
  return (
    <Stack>
      <Paper withBorder p="md">
        <Title order={2} size="h4" mb="xs">{t('path.title')}</Title>
        <Table><Table.Tbody>
          <Table.Tr><Table.Th>{t('path.institution')}</Table.Th><Table.Td>{pw.institution}</Table.Td></Table.Tr>
          <Table.Tr><Table.Th>{t('path.leftOn')}</Table.Th><Table.Td>{fmt.date(pw.left_on)}</Table.Td></Table.Tr>
          <Table.Tr><Table.Th>{t('path.receiving')}</Table.Th><Table.Td>{pw.receiving_family ? t(`family.${pw.receiving_family}`) : receiving ?? `#${pw.receiving_service_id}`}</Table.Td></Table.Tr>
          <Table.Tr><Table.Th>{t('path.plan')}</Table.Th><Table.Td>{pw.transition_plan}</Table.Td></Table.Tr>
          <Table.Tr><Table.Th>{t('path.outcome')}</Table.Th><Table.Td>{pw.outcome ? <Badge variant="filled" color={pw.outcome === 'returned_to_institution' ? '#c92a2a' : '#1e6b34'}>{t(`outcome.${pw.outcome}`)}</Badge> : '—'}</Table.Td></Table.Tr>
        </Table.Tbody></Table>
      </Paper>
      <Paper withBorder p="md">
        <Title order={2} size="h4" mb="xs">{t('path.followups')}</Title>
        <Table data-testid="followups">
          <Table.Thead><Table.Tr><Table.Th>{t('path.after')}</Table.Th><Table.Th>{t('path.due')}</Table.Th><Table.Th>{t('path.done')}</Table.Th><Table.Th>{t('path.situation')}</Table.Th><Table.Th /></Table.Tr></Table.Thead>
          <Table.Tbody>
            {pw.followups.map((f) => (
              <Table.Tr key={f.id} data-months={f.months}>
                <Table.Td>{t('path.months', { count: f.months })}</Table.Td>
                <Table.Td>{fmt.date(f.due_on)} {f.overdue && <Badge variant="filled" color="#c92a2a">{t('path.overdue')}</Badge>}</Table.Td>
                <Table.Td>{fmt.date(f.done_on)}</Table.Td>
                <Table.Td>{f.situation ? t(`outcome.${f.situation}`) : '—'}{f.notes && <Text size="xs" c="dimmed">{f.notes}</Text>}</Table.Td>
                <Table.Td>{!f.done_on && person.status !== 'anonymised' && <Button size="xs" variant="default" onClick={() => setRecording(f)}>{t('path.record')}</Button>}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      {recording && <FollowupDialog followup={recording} onClose={() => { setRecording(null); onChange(); }} />}
    </Stack>
  );
}

function PathwayForm({ person, services, onDone }: { person: Person; services: Service[]; onDone: () => void }) {
  const { t } = useTranslation();
  const [v, setV] = useState({ institution: '', left_on: '', transition_plan: '', receiving_service_id: null as string | null, receiving_family: null as string | null });
  const { errors, error, submit } = useSubmit();
  const save = () => {
    const body = { institution: v.institution, left_on: v.left_on, transition_plan: v.transition_plan,
      ...(v.receiving_service_id ? { receiving_service_id: Number(v.receiving_service_id) } : {}), ...(v.receiving_family ? { receiving_family: v.receiving_family } : {}) };
    submit(() => post(`/api/v1/people/${person.id}/pathway`, body), onDone);
  };
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4">{t('path.new')}</Title>
      <Text size="sm" c="dimmed" mb="sm">{t('path.help')}</Text>
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('path.institution')} required value={v.institution} onChange={(e) => setV({ ...v, institution: e.currentTarget.value })} error={errors.institution} />
          <DateField label={t('path.leftOn')} required value={v.left_on} onChange={(d) => setV({ ...v, left_on: d })} error={errors.left_on} />
          <Select label={t('path.receivingService')} searchable clearable value={v.receiving_service_id} onChange={(x) => setV({ ...v, receiving_service_id: x })}
            data={services.map((s) => ({ value: String(s.id), label: s.name }))} error={errors.receiving_service_id} />
          <Select label={t('path.receivingFamily')} clearable value={v.receiving_family} onChange={(x) => setV({ ...v, receiving_family: x })}
            data={FAMILIES.map((f) => ({ value: f, label: t(`family.${f}`) }))} />
        </SimpleGrid>
        <Textarea label={t('path.plan')} required autosize minRows={3} value={v.transition_plan} onChange={(e) => setV({ ...v, transition_plan: e.currentTarget.value })} error={errors.transition_plan} />
        {error && <Text c="red.8" role="alert">{error}</Text>}
        <Group justify="flex-end"><Button onClick={save}>{t('path.save')}</Button></Group>
      </Stack>
    </Paper>
  );
}

function FollowupDialog({ followup, onClose }: { followup: Followup; onClose: () => void }) {
  const { t } = useTranslation();
  const [v, setV] = useState({ done_on: today(), situation: null as string | null, notes: '' });
  const { errors, error, submit } = useSubmit();
  const save = () => submit(() => api('PUT', `/api/v1/pathway-followups/${followup.id}`,
    { body: { done_on: v.done_on, situation: v.situation, ...(v.notes ? { notes: v.notes } : {}) }, version: followup.version }), onClose);
  return (
    <Modal opened onClose={onClose} title={t('path.recordN', { count: followup.months })}>
      <Stack>
        <DateField label={t('path.done')} value={v.done_on} onChange={(d) => setV({ ...v, done_on: d })} error={errors.done_on} />
        <Select label={t('path.situation')} required value={v.situation} onChange={(x) => setV({ ...v, situation: x })} error={errors.situation}
          data={OUTCOMES.map((o) => ({ value: o, label: t(`outcome.${o}`) }))} />
        <Textarea label={t('path.notes')} autosize minRows={3} value={v.notes} onChange={(e) => setV({ ...v, notes: e.currentTarget.value })} />
        {followup.months === 12 && <Text size="sm" c="dimmed">{t('path.setsOutcome')}</Text>}
        {error && <Text c="red.8" role="alert">{error}</Text>}
        <Group justify="flex-end"><Button onClick={save}>{t('common.save')}</Button></Group>
      </Stack>
    </Modal>
  );
}
