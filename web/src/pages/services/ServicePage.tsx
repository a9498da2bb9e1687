import { Alert, Anchor, Button, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useFormat } from '../../format';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useTr } from '../../api/grants';
import { useDistricts, useAuthority, useOrganisation } from '../../api/registry';
import { useSession } from '../../api/session';
import { ACCREDITATION_WARNING_DAYS, useServiceTypes, useService } from '../../api/services';
import { Stat } from '../../components/Stat';
import { StatusBadge } from '../../components/StatusBadge';
import { AccreditationBadge } from './AccreditationBadge';
import { DeliveryGridPanel } from './DeliveryGridPanel';
import { StaffPanel } from './StaffPanel';
import { gate } from '../../components/Gate';

// A service unit: what it is, who runs it, its places, accreditation, staff, funding and — for its
// staff — the month's delivery grid.
export function ServicePage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const fmt = useFormat();
  const tr = useTr();
  const { can, session } = useSession();
  const types = useServiceTypes();
  const districts = useDistricts();
  const q = useService(id!);
  const s = q.data;
  const providerOrg = useOrganisation(s?.provider_organisation_id ?? undefined, !!s?.provider_organisation_id);
  const providerAuthority = useAuthority(s?.provider_authority_id ?? undefined, !!s?.provider_authority_id);
  const provider = s?.provider_organisation_id ? `/organisations/${s.provider_organisation_id}` : s?.provider_authority_id ? `/authorities/${s.provider_authority_id}` : null;
  const providerName = providerOrg.data?.name ?? providerAuthority.data?.name;
  const wait = gate(t, q);
  if (wait || !s) return wait;
  const type = types.data?.find((x) => x.code === s.type_code);
  const left = s.accreditation_days_left;
  const me = session!.user;
  const staffOf = me.role === 'cso_staff' ? s.provider_organisation_id === me.organisation_id : s.staff.includes(me.id);
  // Who runs the service (the server's policy decides again): its organisation's staff, the authority
  // that provides it itself (not a CSO's partner authority), the programme's officers.
  const manages = me.role === 'admin' || me.role === 'officer' || staffOf ||
    (me.role === 'lpa_staff' && !s.provider_organisation_id && s.provider_authority_id === me.authority_id);
  return (
    <Stack>
      <Group justify="space-between">
        <div>
          <Title order={1}>{s.name}</Title>
          <Text c="dimmed">{tr(type?.name)} · {districts.data?.find((d) => d.code === s.district)?.name ?? s.district}</Text>
        </div>
        <Group>
          {can('costing.read') && <Button variant="default" component={Link} to={`/services/${s.id}/cost`} data-testid="service-cost">{t('cost.serviceCost')}</Button>}
          <StatusBadge group="svc_status" value={s.status} />
        </Group>
      </Group>
      {left !== null && left !== undefined && left <= ACCREDITATION_WARNING_DAYS && (
        <Alert variant="outline" color={left < 0 ? '#c92a2a' : '#a63a0a'} title={left < 0 ? t('svc.accreditationExpired') : t('svc.expiresIn', { count: left })} data-testid="accreditation-alert">
          {t('svc.accreditationRenew', { number: s.accreditation_number, date: s.accreditation_expires_on })}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        <Stat big label={t('svc.capacity')} value={s.capacity} />
        <Stat big label={t('svc.occupancy')} value={s.occupancy} sub={s.capacity ? `${Math.round((s.occupancy * 100) / s.capacity)}%` : ''} />
        <Stat big label={t('svc.waiting')} value={s.waiting} />
        <Stat big label={t('svc.unit')} value={type ? t(`svc_unit.${type.unit}`) : ''} sub={type ? t(`svc_level.${type.level}`) : ''} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="xs">{t('svc.details')}</Title>
          <Table>
            <Table.Tbody>
              <Table.Tr><Table.Th>{t('svc.provider')}</Table.Th><Table.Td>{provider ? <Anchor component={Link} to={provider}>{providerName ?? '…'}</Anchor> : '—'}</Table.Td></Table.Tr>
              <Table.Tr><Table.Th>{t('svc.openedOn')}</Table.Th><Table.Td>{s.opened_on ?? '—'}</Table.Td></Table.Tr>
              <Table.Tr><Table.Th>{t('svc.accreditation')}</Table.Th><Table.Td>{s.accreditation_number ?? '—'} <AccreditationBadge service={s} /></Table.Td></Table.Tr>
              <Table.Tr><Table.Th>{t('svc.caseWorkers')}</Table.Th><Table.Td>{s.staff.length}</Table.Td></Table.Tr>
            </Table.Tbody>
          </Table>
        </Paper>
        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="xs">{t('svc.staffPositions')}</Title>
          <Table>
            <Table.Tbody>
              {s.staff_positions.map((p, i) => <Table.Tr key={i}><Table.Td>{p.title}</Table.Td><Table.Td ta="right">{fmt.number(p.fte_hundredths / 100)}</Table.Td></Table.Tr>)}
            </Table.Tbody>
          </Table>
          <Title order={3} size="h5" mt="md" mb="xs">{t('svc.funding')}</Title>
          {s.funding.map((f, i) => (
            <Text key={i} size="sm">{t(`svc_funding.${f.source}`)}{f.agreement_id ? <> — <Anchor component={Link} to={`/agreements/${f.agreement_id}`}>{t('svc.agreementN', { id: f.agreement_id })}</Anchor></> : null}{f.note ? ` — ${f.note}` : ''}</Text>
          ))}
        </Paper>
      </SimpleGrid>
      {can('services.write') && manages && <StaffPanel service={s} onSaved={() => q.refetch()} />}
      {can('people.write') && staffOf && <DeliveryGridPanel service={s} unit={type?.unit ?? 'day'} />}
    </Stack>
  );
}
