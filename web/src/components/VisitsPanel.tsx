import { ActionIcon, Button, Group, List, Modal, Paper, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, post, type ApiUrl } from '../api/client';
import type { components } from '../api/schema.gen';
import { today, useFormat } from '../format';
import { DateField } from './DateField';
import { errorSentence, fieldErrors } from './FormErrors';
import { useAction } from './useAction';

type Visit = components['schemas']['Visit'];

// Monitoring visits to a record monitored on the ground (a grant agreement, a contract): the platform's
// one mechanism (platform/visits.hpp). Each visit's day, who made it, the findings and the follow-up
// actions, each marked done as it happens; a new visit recorded with `addUrl` by whom `canRecord`.
export function VisitsPanel({ visits, addUrl, canRecord, onChanged }: { visits: Visit[]; addUrl: ApiUrl; canRecord: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [visiting, setVisiting] = useState(false);
  const act = useAction(onChanged, { detail: (e) => (e instanceof Error ? e.message : '') });
  const markDone = (v: Visit, i: number) => act(() => api('PATCH', `/api/v1/visits/${v.id}`, {
    body: { actions: v.actions.map((y, j) => (j === i ? { ...y, done: true } : y)).map((y) => ({ action: y.action, done: y.done, ...(y.due_on ? { due_on: y.due_on } : {}) })) },
    version: v.version,
  }), t('common.saved'));
  return (
    <Paper withBorder p="md" data-testid="visits">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4">{t('agr.visits')}</Title>
        {canRecord && <Button size="xs" variant="default" onClick={() => setVisiting(true)} data-testid="visit-add">{t('agr.addVisit')}</Button>}
      </Group>
      {visits.length === 0 && <Text size="sm">{t('common.none')}</Text>}
      <Stack gap="xs">
        {visits.map((v) => (
          <div key={v.id} data-testid="visit">
            <Text fw={600}>{fmt.date(v.visited_on)} · {v.by}</Text>
            <Text size="sm">{v.findings}</Text>
            <List size="sm">
              {v.actions.map((a, i) => (
                <List.Item key={i}>
                  <Group gap="xs">
                    <Text size="sm" td={a.done ? 'line-through' : undefined}>{a.action}{a.due_on ? ` (${fmt.date(a.due_on)})` : ''}</Text>
                    {canRecord && !a.done && <Button size="compact-xs" variant="subtle" onClick={() => markDone(v, i)}>{t('agr.done')}</Button>}
                  </Group>
                </List.Item>
              ))}
            </List>
          </div>
        ))}
      </Stack>
      {visiting && <VisitDialog addUrl={addUrl} onClose={() => { setVisiting(false); onChanged(); }} />}
    </Paper>
  );
}

function VisitDialog({ addUrl, onClose }: { addUrl: ApiUrl; onClose: () => void }) {
  const { t } = useTranslation();
  const [on, setOn] = useState(today());
  const [findings, setFindings] = useState('');
  const [actions, setActions] = useState<{ action: string; due_on: string }[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = async () => {
    try {
      await post(addUrl, { visited_on: on, findings, actions: actions.map((a) => ({ action: a.action, ...(a.due_on ? { due_on: a.due_on } : {}), done: false })) });
      onClose();
    } catch (e) { setErrors(fieldErrors(e, t)); notifications.show({ color: 'red', message: errorSentence(e, t) }); }
  };
  return (
    <Modal opened onClose={onClose} title={t('agr.addVisit')} size="lg">
      <Stack>
        <DateField label={t('agr.visitedOn')} value={on} onChange={(d) => setOn(d)} error={errors.visited_on} />
        <Textarea label={t('agr.findings')} required autosize minRows={3} value={findings} onChange={(e) => setFindings(e.currentTarget.value)} error={errors.findings} />
        {actions.map((a, i) => (
          <Group key={i} align="flex-end">
            <TextInput style={{ flex: 1 }} label={t('agr.action')} value={a.action} onChange={(e) => { const s = e.currentTarget.value; setActions(actions.map((x, j) => (j === i ? { ...x, action: s } : x))); }} error={errors[`actions[${i}].action`]} />
            <DateField label={t('agr.dueOn')} value={a.due_on} onChange={(d) => setActions(actions.map((x, j) => (j === i ? { ...x, due_on: d } : x)))} />
            <ActionIcon variant="default" size="lg" aria-label={t('pship.remove')} onClick={() => setActions(actions.filter((_, j) => j !== i))}>×</ActionIcon>
          </Group>
        ))}
        <Button variant="default" size="xs" onClick={() => setActions([...actions, { action: '', due_on: '' }])}>{t('agr.addAction')}</Button>
        <Group justify="flex-end"><Button variant="default" onClick={onClose}>{t('common.cancel')}</Button><Button onClick={save} data-testid="visit-save">{t('common.save')}</Button></Group>
      </Stack>
    </Modal>
  );
}
