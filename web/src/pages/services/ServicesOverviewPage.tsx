import { Anchor, Button, Grid, Group, Paper, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useFormat, today } from '../../format';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { qs, inLanguage } from '../../api/client';
import { useTr } from '../../api/grants';
import { useDistricts } from '../../api/registry';
import { AGE_GROUPS, countValue, DISABILITY_TYPES, useOverview, useServiceTypes, type Count, type Tally } from '../../api/services';
import { BarChart } from '../../components/BarChart';
import { DistrictMap } from '../../components/DistrictMap';
import { Stat } from '../../components/Stat';
import { DateField } from '../../components/DateField';

// The programme's view of services: aggregates only (no names, no codes), every count of people
// below 5 shown as "<5"; the map coloured by people served or by coverage (how many of the 12
// types of service a district has); charts by sex, age group, disability and target group.
export function ServicesOverviewPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const tr = useTr();
  const [params, setParams] = useSearchParams();
  const year = new Date().getFullYear();
  const from = params.get('from') ?? `${year}-01-01`;
  const to = params.get('to') ?? today();
  const type = params.get('type') ?? '';
  // A district chosen on the map or in the table: its figures and a row per service (the drill-down).
  const district = params.get('district') ?? '';
  const districts = useDistricts();
  const types = useServiceTypes();
  const query = qs({ from, to, type, district });
  const q = useOverview({ from, to, type, ...(district ? { district } : {}) });
  const setParam = (k: string, v: string | null) => { const n = new URLSearchParams(params); if (v) n.set(k, v); else n.delete(k); setParams(n, { replace: true }); };
  const o = q.data;
  const byDistrict = useMemo(() => new Map((o?.by_district ?? []).map((d) => [d.district, d])), [o]);
  const typesIn = useMemo(() => new Map((o?.by_district ?? []).map((d) => [d.district, new Set(d.service_types)])), [o]);
  const shown = (c: Count | undefined) => (c === undefined ? 0 : c);
  const bar = (x: Record<string, Count>, keys: string[], label: (k: string) => string, name: string, color: string, horizontal = false) => (
    <BarChart label={name} height={horizontal ? 60 + keys.length * 26 : 240} horizontal={horizontal} categories={keys.map(label)}
      series={[{ name: t('ov.people'), data: keys.map((k) => countValue(x[k])), color }]} />
  );
  const tot = o?.totals as Tally | undefined;
  const groups = tot ? Object.keys(tot.by_target_group).sort((a, b) => countValue(tot.by_target_group[b]) - countValue(tot.by_target_group[a])) : [];
  const districtName = districts.data?.find((d) => d.code === district)?.name ?? district;
  const typeName = (code: string) => { const x = types.data?.find((y) => y.code === code); return x ? tr(x.name) : code; };
  const top = (o?.by_district ?? []).slice().sort((a, b) => countValue(b.people_served) - countValue(a.people_served)).slice(0, 12);
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{district ? t('ov.districtTitle', { name: districtName }) : t('ov.title')}</Title>
          {district && <Anchor component="button" type="button" onClick={() => setParam('district', null)} data-testid="overview-country">{t('ov.wholeCountry')}</Anchor>}
        </div>
        <Button variant="default" component="a" href={inLanguage(`/api/v1/services/overview.xlsx${query}`)}>{t('common.export')}</Button>
      </Group>
      <Text size="sm" c="dimmed">{t('ov.privacy')}</Text>
      <Group>
        <DateField label={t('ov.from')} value={from} onChange={(d) => setParam('from', d)} />
        <DateField label={t('ov.to')} value={to} onChange={(d) => setParam('to', d)} />
        <Select label={t('svc.type')} clearable w={320} value={type || null} onChange={(v) => setParam('type', v)} data={(types.data ?? []).map((x) => ({ value: x.code, label: tr(x.name) }))} />
      </Group>
      {tot && (
        <SimpleGrid cols={{ base: 2, md: 3, lg: 6 }}>
          <Stat big label={t('ov.services')} value={tot.services} />
          <Stat big label={t('svc.capacity')} value={tot.capacity} />
          <Stat big label={t('svc.occupancy')} value={shown(tot.occupancy)} />
          <Stat big label={t('svc.waiting')} value={shown(tot.waiting)} />
          <Stat big label={t('ov.peopleServed')} value={shown(tot.people_served)} testId="people-served" />
          <Stat big label={t('ov.deinstitutionalised')} value={shown(tot.deinstitutionalised)} testId="deinstitutionalised" />
        </SimpleGrid>
      )}
      {o && districts.data && (
        <Grid>
          <Grid.Col span={{ base: 12, lg: 5 }}>
            <Paper withBorder p="md">
              <Title order={2} size="h4" mb="xs">{t('ov.map')}</Title>
              <DistrictMap units={districts.data} label={t('ov.map')} hint={t('ov.mapClick')}
                measures={[{ key: 'people', label: t('ov.peopleServed') }, { key: 'coverage', label: t('ov.coverage') }]}
                value={(d, m) => (m === 'coverage' ? typesIn.get(d)?.size ?? 0 : countValue(byDistrict.get(d)?.people_served))}
                tooltip={(u, m) => (m === 'coverage' ? t('ov.coverageTip', { name: u.name, n: typesIn.get(u.code)?.size ?? 0 })
                  : t('ov.peopleTip', { name: u.name, n: shown(byDistrict.get(u.code)?.people_served) }))}
                onSelect={(u) => setParam('district', u.code)} />
              <Text size="xs" c="dimmed" mt={4}>{t('ov.coverageHelp')}</Text>
            </Paper>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 7 }}>
            <Stack>
              <Paper withBorder p="md">
                <Title order={2} size="h4">{t('ov.byDistrict')}</Title>
                <BarChart label={t('ov.byDistrict')} height={320} rotate={35} categories={top.map((d) => d.name)}
                  series={[{ name: t('svc.capacity'), data: top.map((d) => d.capacity), color: '#0b7285' }, { name: t('ov.peopleServed'), data: top.map((d) => countValue(d.people_served)), color: '#e67700' }]} />
              </Paper>
              {tot && (
                <SimpleGrid cols={{ base: 1, md: 2 }}>
                  <Paper withBorder p="md"><Title order={3} size="h5">{t('ov.bySex')}</Title>{bar(tot.by_sex, ['female', 'male'], (k) => t(`sex.${k}`), t('ov.bySex'), '#7048e8')}</Paper>
                  <Paper withBorder p="md"><Title order={3} size="h5">{t('ov.byAge')}</Title>{bar(tot.by_age_group, AGE_GROUPS, (k) => k, t('ov.byAge'), '#1c7ed6')}</Paper>
                  <Paper withBorder p="md"><Title order={3} size="h5">{t('ov.byDisability')}</Title>{bar(tot.by_disability, [...DISABILITY_TYPES, 'none'], (k) => t(`disability.${k}`), t('ov.byDisability'), '#0ca678', true)}</Paper>
                  <Paper withBorder p="md"><Title order={3} size="h5">{t('ov.byGroup')}</Title>{bar(tot.by_target_group, groups, (k) => t(`target_group.${k}`), t('ov.byGroup'), '#e8590c', true)}</Paper>
                </SimpleGrid>
              )}
            </Stack>
          </Grid.Col>
        </Grid>
      )}
      {o && (
        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="xs">{t('ov.table')}</Title>
          <Table striped withTableBorder data-testid="overview-table">
            <Table.Thead><Table.Tr><Table.Th>{t('common.district')}</Table.Th><Table.Th ta="right">{t('ov.services')}</Table.Th><Table.Th ta="right">{t('svc.capacity')}</Table.Th>
              <Table.Th ta="right">{t('svc.occupancy')}</Table.Th><Table.Th ta="right">{t('svc.waiting')}</Table.Th><Table.Th ta="right">{t('ov.units')}</Table.Th>
              <Table.Th ta="right">{t('ov.peopleServed')}</Table.Th><Table.Th ta="right">{t('ov.deinstitutionalised')}</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {o.by_district.map((d) => (
                <Table.Tr key={d.district}>
                  <Table.Td><Anchor component="button" type="button" onClick={() => setParam('district', d.district)}>{d.name}</Anchor></Table.Td>
                  <Table.Td ta="right">{d.services}</Table.Td><Table.Td ta="right">{d.capacity}</Table.Td><Table.Td ta="right">{shown(d.occupancy)}</Table.Td>
                  <Table.Td ta="right">{shown(d.waiting)}</Table.Td><Table.Td ta="right">{fmt.number(d.units)}</Table.Td>
                  <Table.Td ta="right">{shown(d.people_served)}</Table.Td><Table.Td ta="right">{shown(d.deinstitutionalised)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {o && district && (
        <Paper withBorder p="md">
          <Group justify="space-between">
            <Title order={2} size="h4" mb="xs">{t('ov.services')} — {districtName}</Title>
            <Anchor component={Link} to={`/services?district=${district}`}>{t('ov.servicesList')}</Anchor>
          </Group>
          {o.by_service.length ? (
            <Table.ScrollContainer minWidth={640}>
              <Table striped withTableBorder data-testid="overview-services">
                <Table.Thead><Table.Tr><Table.Th>{t('svc.name')}</Table.Th><Table.Th>{t('svc.type')}</Table.Th><Table.Th ta="right">{t('svc.capacity')}</Table.Th>
                  <Table.Th ta="right">{t('svc.occupancy')}</Table.Th><Table.Th ta="right">{t('svc.waiting')}</Table.Th><Table.Th ta="right">{t('ov.units')}</Table.Th>
                  <Table.Th ta="right">{t('ov.peopleServed')}</Table.Th></Table.Tr></Table.Thead>
                <Table.Tbody>
                  {o.by_service.map((x) => (
                    <Table.Tr key={x.id}>
                      <Table.Td><Anchor component={Link} to={`/services/${x.id}`}>{x.name}</Anchor></Table.Td><Table.Td>{typeName(x.type_code)}</Table.Td>
                      <Table.Td ta="right">{x.capacity}</Table.Td><Table.Td ta="right">{shown(x.occupancy)}</Table.Td><Table.Td ta="right">{shown(x.waiting)}</Table.Td>
                      <Table.Td ta="right">{fmt.number(x.units)}</Table.Td><Table.Td ta="right">{shown(x.people_served)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          ) : <Text c="dimmed" size="sm">{t('ov.noServices')}</Text>}
        </Paper>
      )}
    </Stack>
  );
}
