import { Accordion, Alert, Anchor, Badge, Button, Group, List, Paper, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { inLanguage } from '../../api/client';
import { useTr } from '../../api/grants';
import { useProgramme, useProgrammeName, type MoreFigures as More, type PeopleFigures, type Programme } from '../../api/results';
import { useDistricts } from '../../api/registry';
import { AGE_GROUPS, countValue, DISABILITY_TYPES, useServiceTypes, type Count } from '../../api/services';
import { BarChart } from '../../components/BarChart';
import { gate } from '../../components/Gate';
import { Stat } from '../../components/Stat';
import { Logframe } from './Logframe';
import { today, useFormat } from '../../format';

// A programme's page: who funds and runs it, its calls, and its figures — the people served in its
// period and in each of its years, by sex, age group, disability and target group (aggregates only,
// counts below 5 shown as "<5"), and the units of service delivered by type — read from the tallies
// the records keep, so they are as of the last saved record.
export function ProgrammePage() {
  const { id = '0' } = useParams();
  const { t } = useTranslation();
  const q = useProgramme(id);
  const wait = gate(t, q);
  if (wait || !q.data) return wait;
  return <ProgrammeView p={q.data} />;
}

function ProgrammeView({ p }: { p: NonNullable<ReturnType<typeof useProgramme>['data']> }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const name = useProgrammeName();
  const tr = useTr();
  const types = useServiceTypes();
  const f = p.figures;
  const shown = (c: Count) => (typeof c === 'number' ? fmt.number(c, 0) : c);
  const bar = (x: Record<string, Count>, keys: string[], label: (k: string) => string, title: string, color: string, horizontal = false) => {
    const present = keys.filter((k) => x[k] !== undefined);
    return (
      <Paper withBorder p="md">
        <Title order={3} size="h5">{title}</Title>
        {present.length ? <BarChart label={title} height={horizontal ? 60 + present.length * 26 : 220} horizontal={horizontal} categories={present.map(label)}
          series={[{ name: t('ov.people'), data: present.map((k) => countValue(x[k])), color }]} /> : <Text c="dimmed" size="sm">{t('results.noneYet')}</Text>}
      </Paper>
    );
  };
  const people = f.people as PeopleFigures;
  const groups = Object.keys(people.by_target_group).sort((a, b) => countValue(people.by_target_group[b]) - countValue(people.by_target_group[a]));
  const typeName = (code: string) => { const x = types.data?.find((s) => s.code === code); return x ? tr(x.name) : code; };
  return (
    <Stack>
      <div>
        <Title order={1}>{name(p)}</Title>
        <Group gap="xs" mt={4}>
          <Badge color={p.status === 'active' ? 'teal' : 'gray'}>{t(`results.status.${p.status}`)}</Badge>
          <Text c="dimmed">{p.code} · {fmt.date(p.starts_on)} — {fmt.date(p.ends_on)}</Text>
        </Group>
        <Group gap="xs" mt="sm">
          <Button component="a" variant="default" target="_blank" href={inLanguage(`/api/v1/programmes/${p.id}/report.pdf`)} data-testid="programme-report-pdf">{t('results.pdf')}</Button>
          <Button component="a" variant="default" href={inLanguage(`/api/v1/programmes/${p.id}/logframe.xlsx`)} data-testid="programme-logframe-xlsx">{t('results.xlsx')}</Button>
        </Group>
      </div>
      {p.records_from && p.starts_on.slice(0, 7) < p.records_from && (
        <Alert color="blue" data-testid="programme-records-from">
          {t(p.ends_on.slice(0, 7) < p.records_from ? 'results.beforeRecords' : 'results.partlyBeforeRecords', { month: fmt.month(p.records_from) })}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
        <Stat big label={t('results.peopleServed')} value={shown(people.total)} testId="programme-people" sub={t('results.inPeriod')} />
        <Stat big label={t('ov.units')} value={f.units.total} sub={t('results.inPeriod')} />
        <Stat big label={t('ov.deinstitutionalised')} value={shown((f.deinstitutionalised as PeopleFigures).total)} sub={t('results.inPeriod')} testId="programme-left" />
        <Stat big label={t('results.csosGranted')} value={f.grants.csos} sub={t('results.inPeriod')} testId="programme-csos" />
        {Object.entries(f.grants.committed_minor).map(([cur, minor]) => (
          <Stat key={`c-${cur}`} label={t('results.committed')} value={fmt.money(minor, cur)} testId="programme-committed"
            sub={t('results.disbursedOf', { amount: fmt.money(f.grants.disbursed_minor[cur] ?? 0, cur) })} />
        ))}
        {p.contributions.map((c) => <Stat key={`${c.by}-${c.currency}`} label={c.by} value={fmt.money(c.amount_minor, c.currency)} sub={t('results.contribution')} />)}
      </SimpleGrid>
      <Group justify="space-between" gap="xs">
        <Text size="sm" c="dimmed">{t('ov.privacy')} {t('results.asOfRecords')}</Text>
        {/* The drill-down: the same period on the services' overview, then a district, then a service. */}
        <Anchor component={Link} to={`/services/overview?from=${p.starts_on}&to=${p.ends_on < today() ? p.ends_on : today()}`} data-testid="programme-by-place">{t('ov.byPlace')}</Anchor>
      </Group>
      <Logframe programmeId={p.id} />
      <Paper withBorder p="md">
        <Title order={2} size="h4">{t('results.byYear')}</Title>
        <BarChart label={t('results.byYear')} height={260} categories={f.years.map((y) => y.year)}
          series={[{ name: t('results.peopleServed'), data: f.years.map((y) => countValue(y.people.total as Count)), color: '#e67700' },
            { name: t('ov.deinstitutionalised'), data: f.years.map((y) => countValue(y.deinstitutionalised.total as Count)), color: '#0b7285' }]} />
      </Paper>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {bar(people.by_sex, ['female', 'male'], (k) => t(`sex.${k}`), t('ov.bySex'), '#7048e8')}
        {bar(people.by_age_group, AGE_GROUPS, (k) => k, t('ov.byAge'), '#1c7ed6')}
        {bar(people.by_disability, [...DISABILITY_TYPES, 'none'], (k) => t(`disability.${k}`), t('ov.byDisability'), '#0ca678', true)}
        {bar(people.by_target_group, groups, (k) => t(`target_group.${k}`), t('ov.byGroup'), '#e8590c', true)}
      </SimpleGrid>
      <Paper withBorder p="md">
        <Title order={2} size="h4">{t('results.unitsByType')}</Title>
        {/* A table rather than a chart: twelve long type names read on a phone too. */}
        {Object.keys(f.units.by_service_type).length ? (
          <Table mt="xs" data-testid="programme-units">
            <Table.Tbody>
              {Object.entries(f.units.by_service_type).sort((a, b) => b[1] - a[1]).map(([code, n]) => (
                <Table.Tr key={code}><Table.Td>{typeName(code)}</Table.Td><Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>{fmt.number(n, 0)}</Table.Td></Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : <Text c="dimmed" size="sm">{t('results.noneYet')}</Text>}
      </Paper>
      <MoreFigures m={f.more} rate={p.mdl_per_eur} />
      {f.calls.length > 0 && <CallDashboards p={p} />}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Paper withBorder p="md">
          <Title order={2} size="h4">{t('results.who')}</Title>
          <Text fw={600} mt="xs">{t('results.donors')}</Text>
          <List size="sm">{p.donors.map((d) => <List.Item key={d.name}>{d.name}</List.Item>)}</List>
          <Text fw={600} mt="xs">{t('results.partners')}</Text>
          <List size="sm">{p.partners.map((d) => <List.Item key={d.name}>{d.name}{d.role ? ` — ${t(`results.role.${d.role}`)}` : ''}</List.Item>)}</List>
        </Paper>
        <Paper withBorder p="md" data-testid="programme-calls">
          <Title order={2} size="h4">{t('results.calls')}</Title>
          {p.call_list.length ? (
            <List size="sm" mt="xs">{p.call_list.map((c) => (
              <List.Item key={c.id}><Anchor component={Link} to={`/calls/${c.id}`}>{name({ name_ro: c.title_ro, name_ru: c.title_ru, name_en: c.title_en })}</Anchor> <Text span c="dimmed" size="xs">{c.code}</Text></List.Item>
            ))}</List>
          ) : <Text c="dimmed" size="sm">{t('results.noCalls')}</Text>}
        </Paper>
      </SimpleGrid>
      <Paper withBorder p="md" data-testid="programme-open-data">
        <Title order={2} size="h4">{t('results.openData')}</Title>
        <Text size="sm" c="dimmed" mt={4}>{t('results.openDataHelp')}</Text>
        <Group mt="sm" gap="xs">
          <Button component="a" variant="default" href={`/api/v1/open-data/iati-activities.xml?programme=${p.id}`} data-testid="open-data-iati">{t('results.iati')}</Button>
          <Button component="a" variant="default" href={`/api/v1/open-data/360giving.json?programme=${p.id}`}>{t('results.givingJson')}</Button>
          <Button component="a" variant="default" href={`/api/v1/open-data/360giving.csv?programme=${p.id}`}>{t('results.givingCsv')}</Button>
        </Group>
      </Paper>
    </Stack>
  );
}

// What else the records say of the programme's period: the services its grants created, developed,
// extended or improved; the partnerships with authorities begun and their co-financing; the people
// still in the community a year after leaving an institution; the services that kept delivering
// remotely; and public money — paid under contracts, the services it paid for, and its share of what
// contracts and grants paid for services (a bar, not a sum to do in one's head).
function MoreFigures({ m, rate }: { m: More; rate: string | null }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const lots = Object.entries(m.services_supported.by_lot).map(([lot, n]) => `${t(`lot_code.${lot}`, lot)} ${fmt.number(n, 0)}`).join(' · ');
  const cofinancing = Object.entries(m.partnerships.cofinancing_minor).map(([cur, minor]) => fmt.money(minor, cur)).join(', ');
  const share = m.public_money.share_percent;
  return (
    <Paper withBorder p="md" data-testid="programme-more">
      <Title order={2} size="h4">{t('results.more')}</Title>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} mt="sm">
        <Stat label={t('results.servicesSupported')} value={fmt.number(m.services_supported.total, 0)} sub={lots || t('results.inPeriod')} testId="programme-services-supported" />
        <Stat label={t('results.partnerships')} value={fmt.number(m.partnerships.total, 0)}
          sub={cofinancing ? t('results.cofinancing', { amount: cofinancing }) : t('results.inPeriod')} testId="programme-partnerships" />
        <Stat label={t('results.community12')} value={typeof m.community_at_12_months === 'number' ? fmt.number(m.community_at_12_months, 0) : m.community_at_12_months}
          sub={t('results.inPeriod')} testId="programme-community12" />
        <Stat label={t('results.remoteServices')} value={fmt.number(m.remote_services, 0)} sub={t('results.inPeriod')} testId="programme-remote" />
        <Stat label={t('results.servicesContracted')} value={fmt.number(m.public_money.services, 0)} sub={t('results.inPeriod')} testId="programme-contracted" />
        <Stat label={t('results.publicMoney')} value={fmt.money(m.public_money.paid_minor, 'MDL')} sub={t('results.inPeriod')} testId="programme-public-money" />
      </SimpleGrid>
      <Text size="sm" fw={600} mt="md">{t('results.publicShareTitle')}</Text>
      {share === null ? <Text size="sm" c="dimmed">{t('results.publicShareNone')}</Text> : (
        <>
          <Progress.Root size="xl" mt={6}>
            {share > 0 && <Progress.Section value={share} color="teal.9" aria-label={t('results.publicPart')}><Progress.Label>{share}%</Progress.Label></Progress.Section>}
            {share < 100 && <Progress.Section value={100 - share} color="blue.9" aria-label={t('results.grantsPart')}><Progress.Label>{100 - share}%</Progress.Label></Progress.Section>}
          </Progress.Root>
          <Text size="xs" c="dimmed" mt={4} data-testid="programme-public-share">
            {t('results.publicShare', { pct: share, public: fmt.money(m.public_money.paid_minor, 'MDL'), grants: fmt.money(m.public_money.grants_disbursed_mdl_minor, 'MDL') })}
            {rate && ` ${t('results.rateNote', { rate: fmt.number(Number(rate), 2) })}`}
            {m.public_money.grants_left_out.length > 0 && ` ${t('results.leftOut', { currencies: m.public_money.grants_left_out.join(', ') })}`}
          </Text>
        </>
      )}
    </Paper>
  );
}

// Each call of the programme over its period: grants signed, money committed against money paid (a
// chart across the calls, in each call's currency), services supported; opened, its districts.
function CallDashboards({ p }: { p: Programme }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const name = useProgrammeName();
  const districts = useDistricts();
  const districtName = (code: string) => districts.data?.find((d) => d.code === code)?.name ?? code;
  const calls = p.figures.calls.map((c) => ({ c, info: p.call_list.find((x) => x.id === c.call_id) })).filter((x) => x.info);
  const title = (info: Programme['call_list'][number]) => name({ name_ro: info.title_ro, name_ru: info.title_ru, name_en: info.title_en });
  const major = (minor: number) => Math.round(minor / 100);
  return (
    <Paper withBorder p="md" data-testid="programme-call-dashboards">
      <Title order={2} size="h4">{t('results.byCall')}</Title>
      <BarChart label={t('results.byCall')} horizontal height={70 + calls.length * 44} categories={calls.map((x) => x.info!.code)}
        series={[{ name: t('results.committedShort'), data: calls.map((x) => major(x.c.committed_minor[x.info!.currency] ?? 0)), color: '#1864ab' },
          { name: t('results.disbursedShort'), data: calls.map((x) => major(x.c.disbursed_minor[x.info!.currency] ?? 0)), color: '#087f5b' }]} />
      <Accordion variant="separated" mt="sm">
        {calls.map(({ c, info }) => (
          <Accordion.Item key={c.call_id} value={String(c.call_id)}>
            <Accordion.Control>
              <Text fw={600} size="sm">{title(info!)} <Text span c="dimmed" size="xs">{info!.code}</Text></Text>
              <Text size="xs" c="dimmed">{t('results.callLine', { signed: c.signed, committed: fmt.money(c.committed_minor[info!.currency] ?? 0, info!.currency),
                disbursed: fmt.money(c.disbursed_minor[info!.currency] ?? 0, info!.currency), supported: c.services_supported })}</Text>
            </Accordion.Control>
            <Accordion.Panel>
              {c.districts.length ? (
                <Table.ScrollContainer minWidth={420}>
                  <Table data-testid={`call-districts-${c.call_id}`}>
                    <Table.Thead><Table.Tr><Table.Th>{t('ov.byDistrict')}</Table.Th><Table.Th ta="right">{t('results.signedShort')}</Table.Th>
                      <Table.Th ta="right">{t('results.committedShort')}</Table.Th><Table.Th ta="right">{t('results.disbursedShort')}</Table.Th></Table.Tr></Table.Thead>
                    <Table.Tbody>
                      {c.districts.map((d) => (
                        <Table.Tr key={d.district}><Table.Td>{districtName(d.district)}</Table.Td><Table.Td ta="right">{d.signed}</Table.Td>
                          <Table.Td ta="right">{fmt.money(d.committed_minor[info!.currency] ?? 0, info!.currency)}</Table.Td>
                          <Table.Td ta="right">{fmt.money(d.disbursed_minor[info!.currency] ?? 0, info!.currency)}</Table.Td></Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              ) : <Text size="sm" c="dimmed">{t('results.noneYet')}</Text>}
              <Anchor component={Link} to={`/calls/${c.call_id}`} size="sm">{t('results.openCall')}</Anchor>
            </Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>
    </Paper>
  );
}
