import { Alert, Badge, Button, Checkbox, Group, Modal, Paper, Select, SimpleGrid, Stack, Table, Tabs, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { api, post } from '../../api/client';
import { today, useFormat } from '../../format';
import { useDistricts } from '../../api/registry';
import { CONSENT_PURPOSES, EXIT_REASONS, useActiveServices, type Enrolment, type Person, usePerson } from '../../api/services';
import { StatusBadge } from '../../components/StatusBadge';
import { useAction } from '../../components/useAction';
import { useSubmit } from '../../components/useSubmit';
import { NeedsPanel } from './NeedsPanel';
import { PathwayPanel } from './PathwayPanel';
import { gate } from '../../components/Gate';
import { fetchAnswer, type Answer } from '../../api/queries';
import { DateField } from '../../components/DateField';

type Identity = Answer<'/api/v1/people/{id}/identity'>;

// A person's file, by code. The identity is shown only on request (and the server records who looked).
export function PersonPage() {
  const fmt = useFormat();
  const { id } = useParams();
  const { t } = useTranslation();
  const districts = useDistricts();
  const q = usePerson(id!);
  const [identity, setIdentity] = useState<Identity | null>(null);
  const [dialog, setDialog] = useState<'' | 'enrol' | 'refer' | 'consent' | 'anonymise'>('');
  const [exiting, setExiting] = useState<Enrolment | null>(null);
  const run = useAction(() => q.refetch());
  const p = q.data;
  const wait = gate(t, q);
  if (wait || !p) return wait;
  const anonymised = p.status === 'anonymised';
  const enrolled = p.enrolments.some((e) => e.status !== 'exited');
  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1} ff="monospace">{p.code}</Title>
          <Text c="dimmed">{t(`sex.${p.sex}`)} · {t('svc.ageN', { count: p.age })} · {districts.data?.find((d) => d.code === p.district)?.name ?? p.district}</Text>
        </div>
        <Group>
          {anonymised ? <Badge color="gray.7" variant="filled" size="lg">{t('svc.anonymised')}</Badge> : (
            <>
              {!identity && <Button variant="default" onClick={async () => setIdentity(await fetchAnswer('/api/v1/people/{id}/identity', { path: { id: p.id } }))}>{t('svc.showIdentity')}</Button>}
              <Button variant="default" onClick={() => setDialog('refer')}>{t('ref.refer')}</Button>
              <Button onClick={() => setDialog('enrol')}>{t('svc.enrol')}</Button>
            </>
          )}
          <Button variant="default" component="a" href={`/api/v1/people/${p.id}/export`}>{t('svc.export')}</Button>
          {!anonymised && <Button variant="outline" color="red.8" disabled={enrolled} title={enrolled ? t('svc.anonymiseEnrolled') : undefined} onClick={() => setDialog('anonymise')}>{t('svc.anonymise')}</Button>}
        </Group>
      </Group>
      {identity && (
        <Alert color="blue" title={`${identity.first_name} ${identity.last_name}`} data-testid="identity" withCloseButton onClose={() => setIdentity(null)} closeButtonLabel={t('common.close')}>
          <Text size="sm">{t('svc.birthDate')}: {identity.birth_date}{identity.idnp ? ` · IDNP ${identity.idnp}` : ''}{identity.address ? ` · ${identity.address}` : ''}</Text>
          {identity.representative && <Text size="sm">{t('svc.representative')}: {identity.representative}</Text>}
          <Text size="xs" c="dimmed" mt={4}>{t('svc.identityAudited')}</Text>
        </Alert>
      )}
      <Tabs defaultValue="file" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="file">{t('svc.file')}</Tabs.Tab>
          <Tabs.Tab value="needs">{t('svc.needsAndPlan')}</Tabs.Tab>
          <Tabs.Tab value="pathway">{t('path.title')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="file" pt="md">
          <Stack>
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              <Paper withBorder p="md">
                <Title order={2} size="h4" mb="xs">{t('svc.profile')}</Title>
                <Table><Table.Tbody>
                  <Table.Tr><Table.Th>{t('svc.birthYear')}</Table.Th><Table.Td>{p.birth_year} ({p.age_group})</Table.Td></Table.Tr>
                  <Table.Tr><Table.Th>{t('svc.disability')}</Table.Th><Table.Td>{p.disability_type ? `${t(`disability.${p.disability_type}`)}${p.disability_degree ? `, ${t(`disability_degree.${p.disability_degree}`)}` : ''}` : '—'}</Table.Td></Table.Tr>
                  <Table.Tr><Table.Th>{t('svc.groups')}</Table.Th><Table.Td><Group gap={4}>{p.target_groups.map((g) => <Badge key={g} variant="outline" color="gray.8" size="sm">{t(`target_group.${g}`)}</Badge>)}</Group></Table.Td></Table.Tr>
                </Table.Tbody></Table>
              </Paper>
              <Paper withBorder p="md">
                <Group justify="space-between" mb="xs"><Title order={2} size="h4">{t('svc.consents')}</Title>
                  {!anonymised && <Button size="xs" variant="default" onClick={() => setDialog('consent')}>{t('svc.addConsent')}</Button>}</Group>
                <Table><Table.Tbody>
                  {p.consents.map((c) => (
                    <Table.Tr key={c.id}>
                      <Table.Td>{c.purposes.map((x) => t(`consent_purpose.${x}`)).join(', ')}</Table.Td>
                      <Table.Td>{fmt.date(c.given_on)} · {t(`consent_by.${c.given_by}`)}</Table.Td>
                      <Table.Td>{c.withdrawn_on ? <Badge color="gray.7" variant="filled">{t('svc.withdrawnOn', { date: fmt.date(c.withdrawn_on) })}</Badge>
                        : !anonymised && <Button size="xs" variant="subtle" color="red.8" onClick={() => run(() => api('POST', `/api/v1/consents/${c.id}/withdraw`, { body: {}, version: p.version }), t('svc.consentWithdrawn'))}>{t('svc.withdraw')}</Button>}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody></Table>
              </Paper>
            </SimpleGrid>
            <Paper withBorder p="md">
              <Title order={2} size="h4" mb="xs">{t('svc.enrolments')}</Title>
              <Table>
                <Table.Thead><Table.Tr><Table.Th>{t('svc.service')}</Table.Th><Table.Th>{t('common.status')}</Table.Th><Table.Th>{t('svc.from')}</Table.Th><Table.Th>{t('svc.to')}</Table.Th><Table.Th /></Table.Tr></Table.Thead>
                <Table.Tbody>
                  {p.enrolments.map((e) => (
                    <Table.Tr key={e.id}>
                      <Table.Td>{e.service_name}</Table.Td>
                      <Table.Td><StatusBadge group="enrol_status" value={e.status} /></Table.Td>
                      <Table.Td>{e.started_on ?? t('svc.requestedOn', { date: e.requested_on })}</Table.Td>
                      <Table.Td>{e.ended_on ? `${fmt.date(e.ended_on)} (${t(`exit_reason.${e.exit_reason}`)})` : '—'}</Table.Td>
                      <Table.Td>
                        {e.status === 'waiting' && <Button size="xs" variant="default" onClick={() => run(() => api('PATCH', `/api/v1/enrolments/${e.id}`, { body: { status: 'active' }, version: e.version }), t('svc.admitted'))}>{t('svc.admit')}</Button>}
                        {e.status === 'active' && <Button size="xs" variant="default" onClick={() => setExiting(e)}>{t('svc.exit')}</Button>}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                  {p.enrolments.length === 0 && <Table.Tr><Table.Td colSpan={5}><Text>{t('svc.noEnrolments')}</Text></Table.Td></Table.Tr>}
                </Table.Tbody>
              </Table>
            </Paper>
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="needs" pt="md"><NeedsPanel person={p} onChange={() => q.refetch()} /></Tabs.Panel>
        <Tabs.Panel value="pathway" pt="md"><PathwayPanel person={p} onChange={() => q.refetch()} /></Tabs.Panel>
      </Tabs>
      {dialog === 'enrol' && <EnrolDialog person={p} onClose={() => { setDialog(''); q.refetch(); }} />}
      {dialog === 'refer' && <ReferDialog person={p} onClose={() => setDialog('')} />}
      {dialog === 'consent' && <ConsentDialog person={p} onClose={() => { setDialog(''); q.refetch(); }} />}
      {dialog === 'anonymise' && <AnonymiseDialog person={p} onClose={() => { setDialog(''); q.refetch(); }} />}
      {exiting && <ExitDialog enrolment={exiting} onClose={() => { setExiting(null); q.refetch(); }} />}
    </Stack>
  );
}


function EnrolDialog({ person, onClose }: { person: Person; onClose: () => void }) {
  const { t } = useTranslation();
  const services = useActiveServices();
  const [service, setService] = useState<string | null>(null);
  const [on, setOn] = useState(today());
  const f = useSubmit();
  return (
    <Modal opened onClose={onClose} title={t('svc.enrol')}>
      <Stack>
        <Select label={t('svc.service')} searchable required value={service} onChange={setService} error={f.errors.service_id}
          data={(services.data ?? []).map((s) => ({ value: String(s.id), label: `${s.name} (${s.occupancy}/${s.capacity})` }))} />
        <DateField label={t('svc.startsOn')} value={on} onChange={(d) => setOn(d)} error={f.errors.requested_on} />
        <Text size="sm" c="dimmed">{t('svc.enrolHelp')}</Text>
        {f.error && <Text c="red.8" role="alert">{f.error}</Text>}
        <Group justify="flex-end"><Button onClick={() => f.submit(() => post(`/api/v1/people/${person.id}/enrolments`, { service_id: Number(service), requested_on: on }), onClose)}>{t('svc.enrol')}</Button></Group>
      </Stack>
    </Modal>
  );
}

function ExitDialog({ enrolment, onClose }: { enrolment: Enrolment; onClose: () => void }) {
  const { t } = useTranslation();
  const [v, setV] = useState({ ended_on: today(), exit_reason: '' });
  const f = useSubmit();
  return (
    <Modal opened onClose={onClose} title={`${t('svc.exit')}: ${enrolment.service_name}`}>
      <Stack>
        <DateField label={t('svc.endedOn')} value={v.ended_on} onChange={(d) => setV({ ...v, ended_on: d })} error={f.errors.ended_on} />
        <Select label={t('svc.exitReason')} required data={EXIT_REASONS.map((r) => ({ value: r, label: t(`exit_reason.${r}`) }))} value={v.exit_reason || null}
          onChange={(x) => setV({ ...v, exit_reason: x ?? '' })} error={f.errors.exit_reason} />
        {f.error && <Text c="red.8" role="alert">{f.error}</Text>}
        <Group justify="flex-end"><Button onClick={() => f.submit(() => api('PATCH', `/api/v1/enrolments/${enrolment.id}`, { body: { status: 'exited', ...v }, version: enrolment.version }), onClose)}>{t('common.save')}</Button></Group>
      </Stack>
    </Modal>
  );
}

function ReferDialog({ person, onClose }: { person: Person; onClose: () => void }) {
  const { t } = useTranslation();
  const services = useActiveServices();
  const [v, setV] = useState({ to_service_id: null as string | null, reason: '', share: [] as string[] });
  const f = useSubmit();
  return (
    <Modal opened onClose={onClose} title={t('ref.refer')} size="lg">
      <Stack>
        <Select label={t('ref.toService')} searchable required value={v.to_service_id} onChange={(x) => setV({ ...v, to_service_id: x })} error={f.errors.to_service_id}
          data={(services.data ?? []).map((s) => ({ value: String(s.id), label: s.name }))} />
        <Textarea label={t('ref.reason')} required autosize minRows={3} value={v.reason} onChange={(e) => setV({ ...v, reason: e.currentTarget.value })} error={f.errors.reason} />
        <Checkbox.Group label={t('ref.share')} description={t('ref.shareHelp')} value={v.share} onChange={(x) => setV({ ...v, share: x })} error={f.errors.share}>
          <Group mt={6}><Checkbox value="assessment" label={t('ref.shareAssessment')} /><Checkbox value="plan" label={t('ref.sharePlan')} /></Group>
        </Checkbox.Group>
        {f.error && <Text c="red.8" role="alert">{f.error}</Text>}
        <Group justify="flex-end"><Button onClick={() => f.submit(() => post(`/api/v1/people/${person.id}/referrals`, { ...v, to_service_id: Number(v.to_service_id) }), onClose)}>{t('ref.send')}</Button></Group>
      </Stack>
    </Modal>
  );
}

function ConsentDialog({ person, onClose }: { person: Person; onClose: () => void }) {
  const { t } = useTranslation();
  const [v, setV] = useState({ purposes: ['sharing'], given_on: today(), given_by: 'person' });
  const f = useSubmit();
  return (
    <Modal opened onClose={onClose} title={t('svc.addConsent')}>
      <Stack>
        <Checkbox.Group label={t('svc.consentPurposes')} value={v.purposes} onChange={(x) => setV({ ...v, purposes: x })} error={f.errors['consent.purposes']}>
          <Stack gap={6} mt={6}>{CONSENT_PURPOSES.map((p) => <Checkbox key={p} value={p} label={t(`consent_purpose.${p}`)} />)}</Stack>
        </Checkbox.Group>
        <DateField label={t('svc.consentGivenOn')} value={v.given_on} onChange={(d) => setV({ ...v, given_on: d })} error={f.errors['consent.given_on']} />
        <Select label={t('svc.consentGivenBy')} data={['person', 'legal_representative'].map((x) => ({ value: x, label: t(`consent_by.${x}`) }))}
          value={v.given_by} onChange={(x) => setV({ ...v, given_by: x ?? 'person' })} />
        {f.error && <Text c="red.8" role="alert">{f.error}</Text>}
        <Group justify="flex-end"><Button onClick={() => f.submit(() => post(`/api/v1/people/${person.id}/consents`, { consent: v }), onClose)}>{t('common.save')}</Button></Group>
      </Stack>
    </Modal>
  );
}

function AnonymiseDialog({ person, onClose }: { person: Person; onClose: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const f = useSubmit();
  return (
    <Modal opened onClose={onClose} title={t('svc.anonymise')}>
      <Stack>
        <Alert color="red">{t('svc.anonymiseHelp')}</Alert>
        <Textarea label={t('svc.anonymiseReason')} required value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={f.errors.reason} />
        {f.error && <Text c="red.8" role="alert">{f.error}</Text>}
        <Group justify="flex-end"><Button color="red.8" onClick={() => f.submit(() => api('POST', `/api/v1/people/${person.id}/anonymise`, { body: { reason }, version: person.version }), onClose)}>{t('svc.anonymise')}</Button></Group>
      </Stack>
    </Modal>
  );
}
