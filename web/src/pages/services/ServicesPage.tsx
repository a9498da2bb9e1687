import { Anchor, Badge, Button, Group, Modal, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { post } from '../../api/client';
import { useTr } from '../../api/grants';
import { useDistricts } from '../../api/registry';
import { useSession } from '../../api/session';
import { SERVICE_STATUSES, useServiceTypes, type Service, useServices } from '../../api/services';
import { StatusBadge } from '../../components/StatusBadge';
import { useSubmit } from '../../components/useSubmit';
import { EntityPicker } from '../registry/EntityPicker';
import { AccreditationBadge } from './AccreditationBadge';
import { invalidate } from '../../api/queries';
import { DateField } from '../../components/DateField';

// The service units: filters by district, type and status; occupancy and waiting list at a glance;
// accreditation about to expire flagged.
export function ServicesPage() {
  const { t } = useTranslation();
  const tr = useTr();
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const district = params.get('district') ?? '';
  const type = params.get('type') ?? '';
  const status = params.get('status') ?? '';
  const mine = params.get('mine') === '1';
  const districts = useDistricts();
  const types = useServiceTypes();
  const list = useServices({ district, type, status, ...(mine ? { mine: '1' as const } : {}) });
  const setParam = (k: string, v: string | null) => { const n = new URLSearchParams(params); if (v) n.set(k, v); else n.delete(k); setParams(n, { replace: true }); };
  const districtName = (c: string) => districts.data?.find((d) => d.code === c)?.name ?? c;
  const typeName = (c: string) => tr(types.data?.find((x) => x.code === c)?.name);
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t('svc.services')}</Title>
        <Group>
          {can('services.read') && <Button variant="default" component={Link} to="/services/overview">{t('svc.overview')}</Button>}
          {can('services.write') && <Button onClick={() => setCreating(true)}>{t('svc.newService')}</Button>}
        </Group>
      </Group>
      <Group align="flex-end">
        <SegmentedControl value={mine ? '1' : ''} onChange={(v) => setParam('mine', v)} aria-label={t('svc.whose')}
          data={[{ value: '', label: t('svc.allServices') }, { value: '1', label: t('svc.mine') }]} />
        <Select label={t('common.district')} clearable searchable w={220} value={district || null} onChange={(v) => setParam('district', v)}
          data={(districts.data ?? []).map((d) => ({ value: d.code, label: d.name }))} />
        <Select label={t('svc.type')} clearable w={320} value={type || null} onChange={(v) => setParam('type', v)}
          data={(types.data ?? []).map((x) => ({ value: x.code, label: tr(x.name) }))} />
        <Select label={t('common.status')} clearable w={180} value={status || null} onChange={(v) => setParam('status', v)}
          data={SERVICE_STATUSES.map((s) => ({ value: s, label: t(`svc_status.${s}`) }))} />
      </Group>
      <Table striped highlightOnHover withTableBorder>
        <Table.Thead><Table.Tr><Table.Th>{t('svc.name')}</Table.Th><Table.Th>{t('svc.provider')}</Table.Th><Table.Th>{t('svc.type')}</Table.Th><Table.Th>{t('common.district')}</Table.Th>
          <Table.Th ta="right">{t('svc.capacity')}</Table.Th><Table.Th ta="right">{t('svc.occupancy')}</Table.Th><Table.Th ta="right">{t('svc.waiting')}</Table.Th>
          <Table.Th>{t('svc.accreditation')}</Table.Th><Table.Th>{t('common.status')}</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {(list.data?.items ?? []).map((s) => (
            <Table.Tr key={s.id}>
              <Table.Td><Anchor component={Link} to={`/services/${s.id}`}>{s.name}</Anchor></Table.Td>
              <Table.Td>{s.provider_name ?? '—'}</Table.Td>
              <Table.Td>{typeName(s.type_code)}</Table.Td>
              <Table.Td>{districtName(s.district)}</Table.Td>
              <Table.Td ta="right">{s.capacity}</Table.Td>
              <Table.Td ta="right">{s.occupancy}</Table.Td>
              <Table.Td ta="right">{s.waiting > 0 ? <Badge color="#a63a0a" variant="filled">{s.waiting}</Badge> : 0}</Table.Td>
              <Table.Td><AccreditationBadge service={s} /></Table.Td>
              <Table.Td><StatusBadge group="svc_status" value={s.status} /></Table.Td>
            </Table.Tr>
          ))}
          {list.data && list.data.items.length === 0 && <Table.Tr><Table.Td colSpan={9}><Text>{t('common.none')}</Text></Table.Td></Table.Tr>}
        </Table.Tbody>
      </Table>
      {creating && <NewServiceDialog onClose={() => setCreating(false)} />}
    </Stack>
  );
}

function NewServiceDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const tr = useTr();
  const nav = useNavigate();
  const qc = useQueryClient();
  const { session } = useSession();
  const me = session!.user;
  const types = useServiceTypes();
  const districts = useDistricts();
  const [v, setV] = useState<Record<string, unknown>>({
    status: 'active', capacity: 10, district: me.district ?? null,
    provider_organisation_id: me.organisation_id ?? null, provider_authority_id: me.role === 'lpa_staff' ? me.authority_id : null,
  });
  const { errors, error: formError, submit } = useSubmit();
  const set = (k: string, x: unknown) => setV((o) => ({ ...o, [k]: x }));
  const save = () => submit(async () => {
    const s = await post<Service>('/api/v1/services', Object.fromEntries(Object.entries(v).filter(([, x]) => x !== null && x !== '')));
    invalidate(qc, '/api/v1/services');
    nav(`/services/${s.id}`);
  });
  return (
    <Modal opened onClose={onClose} title={t('svc.newService')} size="lg">
      <Stack>
        <Select label={t('svc.type')} required data={(types.data ?? []).map((x) => ({ value: x.code, label: tr(x.name) }))}
          value={(v.type_code as string) ?? null} onChange={(x) => set('type_code', x)} error={errors.type_code} />
        <TextInput label={t('svc.name')} required value={(v.name as string) ?? ''} onChange={(e) => set('name', e.currentTarget.value)} error={errors.name} />
        {me.role !== 'cso_staff' && me.role !== 'lpa_staff' && (
          <EntityPicker kind="organisations" label={t('svc.provider')} value={(v.provider_organisation_id as number) ?? null}
            onChange={(id) => set('provider_organisation_id', id)} error={errors.provider_organisation_id} />
        )}
        <SimpleGrid cols={2}>
          <Select label={t('common.district')} required searchable data={(districts.data ?? []).map((d) => ({ value: d.code, label: d.name }))}
            value={(v.district as string) ?? null} onChange={(x) => set('district', x)} error={errors.district} />
          <NumberInput label={t('svc.capacity')} required min={1} value={(v.capacity as number) ?? ''} onChange={(x) => set('capacity', Number(x))} error={errors.capacity} />
          <DateField label={t('svc.openedOn')} value={(v.opened_on as string) ?? ''} onChange={(d) => set('opened_on', d)} error={errors.opened_on} />
          <Select label={t('common.status')} data={SERVICE_STATUSES.map((s) => ({ value: s, label: t(`svc_status.${s}`) }))}
            value={v.status as string} onChange={(x) => set('status', x)} error={errors.status} />
          <TextInput label={t('svc.accreditationNumber')} value={(v.accreditation_number as string) ?? ''} onChange={(e) => set('accreditation_number', e.currentTarget.value)} error={errors.accreditation_number} />
          <DateField label={t('svc.accreditationExpires')} value={(v.accreditation_expires_on as string) ?? ''} onChange={(d) => set('accreditation_expires_on', d)} error={errors.accreditation_expires_on} />
          <DateField label={t('svc.accreditedOn')} value={(v.accredited_on as string) ?? ''} onChange={(d) => set('accredited_on', d)} error={errors.accredited_on} />
        </SimpleGrid>
        {formError && <Text c="red.8" role="alert">{formError}</Text>}
        <Group justify="flex-end"><Button variant="default" onClick={onClose}>{t('common.cancel')}</Button><Button onClick={save}>{t('common.save')}</Button></Group>
      </Stack>
    </Modal>
  );
}
