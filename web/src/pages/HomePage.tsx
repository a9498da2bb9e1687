import { Anchor, Badge, Button, Grid, Group, Loader, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { recordPath, useHome } from '../api/platform';
import type { components } from '../api/schema.gen';
import { useSession } from '../api/session';
import { useFormat } from '../format';
import { useDistricts, type DistrictCount, useDistrictCounts } from '../api/registry';
import { BarChart } from '../components/BarChart';
import { DistrictMap } from '../components/DistrictMap';
import { Stat } from '../components/Stat';

const REGION: Record<string, { ro: string; ru: string; en: string }> = {
  North: { ro: 'Nord', ru: 'Север', en: 'North' }, Centre: { ro: 'Centru', ru: 'Центр', en: 'Centre' },
  South: { ro: 'Sud', ru: 'Юг', en: 'South' }, 'Chișinău': { ro: 'Chișinău', ru: 'Кишинёв', en: 'Chișinău' },
  'Găgăuzia': { ro: 'Găgăuzia', ru: 'Гагаузия', en: 'Gagauzia' }, 'Left bank': { ro: 'Stînga Nistrului', ru: 'Левобережье', en: 'Left bank' },
};


type Section = components['schemas']['HomeSection'];
const SHOWN = 5;

// One kind of work waiting: its heading with how many (and how many overdue), the most urgent items,
// each opening its record, and all of them on request.
// The officer's kinds of work that have a whole queue of their own (filters, counts, every item).
const QUEUES = new Set(['reports_to_review', 'tranches_payable', 'evaluations_outstanding', 'reports_overdue']);

function WorkSection({ s }: { s: Section }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [all, setAll] = useState(false);
  const shown = all ? s.items : s.items.slice(0, SHOWN);
  const when = (it: Section['items'][number]) => {
    if (!it.due_on) return '';
    const date = f.date(it.due_on);
    if (s.happened) return date;
    // A kind may say it its own way (an accreditation "expired on", not "overdue since").
    return it.overdue ? t('home.overdueSince', { date, context: s.kind }) : t('home.dueOn', { date, context: s.kind });
  };
  return (
    <Paper withBorder p="md" data-testid={`home-${s.kind}`}>
      <Group justify="space-between" wrap="nowrap" mb="xs" align="flex-start">
        <Title order={2} size="h5" style={{ minWidth: 0 }}>{t(`home.kind.${s.kind}`)}</Title>
        <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
          {s.overdue > 0 && <Badge color="red.8" variant="filled">{t('home.overdue', { count: s.overdue })}</Badge>}
          <Badge color="gray.7" variant="filled" data-testid="home-count">{s.count}</Badge>
        </Group>
      </Group>
      <Stack gap={2}>
        {shown.map((it) => {
          const to = recordPath(s.entity, it.id);
          const line = (
            <Group justify="space-between" wrap="nowrap" gap="xs" py={6}>
              <div style={{ minWidth: 0 }}>
                <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>{it.label}</Text>
                {it.detail && <Text size="xs" c="dimmed">{t(`home.detail.${s.kind}`, { detail: it.detail, defaultValue: it.detail })}</Text>}
              </div>
              {it.due_on && <Text size="xs" c={it.overdue ? 'red.8' : 'dimmed'} fw={it.overdue ? 700 : 400} style={{ whiteSpace: 'nowrap' }}>{when(it)}</Text>}
            </Group>
          );
          return to ? <Anchor key={`${it.id}-${it.label}-${it.due_on}`} component={Link} to={to} underline="never" c="inherit" className="home-item" data-testid="home-item">{line}</Anchor>
            : <div key={`${it.id}-${it.label}`}>{line}</div>;
        })}
      </Stack>
      <Group gap="xs" mt={s.count > SHOWN || QUEUES.has(s.kind) ? 'xs' : 0}>
        {s.count > SHOWN && s.items.length > SHOWN && (
          <Button variant="subtle" size="compact-sm" onClick={() => setAll((a) => !a)}>{all ? t('home.fewer') : t('home.all', { count: s.count })}</Button>
        )}
        {QUEUES.has(s.kind) && (
          <Button variant="subtle" size="compact-sm" component={Link} to={`/queues?tab=${s.kind}`} data-testid="home-queue">{t('queue.open')}</Button>
        )}
      </Group>
    </Paper>
  );
}

// What waits for the user: the kinds with work first, then a line naming those with none.
function Waiting() {
  const { t } = useTranslation();
  const q = useHome();
  if (q.isLoading) return <Loader size="sm" aria-label={t('common.loading')} />;
  if (q.isError || !q.data) return <Text c="red.8">{t('common.error')}</Text>;
  const busy = q.data.sections.filter((s) => s.count > 0);
  const idle = q.data.sections.filter((s) => s.count === 0);
  const work = busy.filter((s) => !s.reference);
  const overdue = work.reduce((n, s) => n + s.overdue, 0);
  const total = work.reduce((n, s) => n + s.count, 0);
  if (q.data.sections.length === 0) return null;
  return (
    <Stack data-testid="home-waiting">
      <Text size="lg" fw={600}>{total === 0 ? t('home.allDone') : overdue > 0 ? t('home.summaryOverdue', { count: total, overdue }) : t('home.summary', { count: total })}</Text>
      <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }}>
        {busy.map((s) => <WorkSection key={s.kind} s={s} />)}
      </SimpleGrid>
      {idle.length > 0 && (
        <Text size="sm" c="dimmed">{t('home.nothingIn', { list: idle.map((s) => t(`home.kind.${s.kind}`)).join(' · ') })}</Text>
      )}
    </Stack>
  );
}

export function HomePage() {
  const { t, i18n } = useTranslation();
  const { session, can } = useSession();
  const districts = useDistricts();
  // The registry at a glance, below what waits: the programme's landscape, for every role that reads it.
  const overview = can('registry.read');
  const counts = useDistrictCounts(overview);
  const lang = (i18n.language as 'ro' | 'ru' | 'en') ?? 'ro';
  const byRegion = useMemo(() => {
    const m = new Map<string, { organisations: number; partnerships: number }>();
    for (const c of counts.data ?? []) {
      const region = districts.data?.find((d) => d.code === c.district)?.region ?? '?';
      const cur = m.get(region) ?? { organisations: 0, partnerships: 0 };
      cur.organisations += c.organisations; cur.partnerships += c.partnerships;
      m.set(region, cur);
    }
    return [...m.entries()].filter(([r]) => r !== 'Left bank');
  }, [counts.data, districts.data]);
  const nav = useNavigate();
  const byCode = new Map((counts.data ?? []).map((c) => [c.district, c]));
  const total = (k: keyof DistrictCount) => (counts.data ?? []).reduce((s, c) => s + (c[k] as number), 0);
  return (
    <Stack>
      <Title order={1}>{t('home.welcome', { name: session!.user.name })}</Title>
      <Waiting />
      {overview && counts.data && districts.data && (
        <>
          <Title order={2} size="h4" mt="md">{t('home.registry')}</Title>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Stat big label={t('home.stats.organisations')} value={total('organisations')} />
            <Stat big label={t('home.stats.partnerships')} value={total('partnerships')} />
            <Stat big label={t('home.stats.authorities')} value={total('authorities')} />
          </SimpleGrid>
          <Grid>
            <Grid.Col span={{ base: 12, lg: 6 }}>
              <Paper withBorder p="md">
                <Title order={2} size="h4" mb="xs">{t('map.title')}</Title>
                <DistrictMap units={districts.data} label={t('map.title')} hint={t('map.click')}
                  measures={(['organisations', 'partnerships', 'authorities'] as const).map((m) => ({ key: m, label: t(`map.${m}`) }))}
                  value={(d, m) => (byCode.get(d)?.[m as 'organisations'] as number | undefined) ?? 0}
                  tooltip={(u) => t('map.tooltip', { name: u.name, organisations: byCode.get(u.code)?.organisations ?? 0, partnerships: byCode.get(u.code)?.partnerships ?? 0 })}
                  onSelect={(u, m) => nav(`/${m}?district=${u.code}`)} />
              </Paper>
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 6 }}>
              <Paper withBorder p="md">
                <Title order={2} size="h4" mb="xs">{t('map.byRegion')}</Title>
                <BarChart label={t('map.byRegion')} categories={byRegion.map(([r]) => REGION[r]?.[lang] ?? r)}
                  series={[{ name: t('map.organisations'), data: byRegion.map(([, v]) => v.organisations), color: '#087f5b' },
                    { name: t('map.partnerships'), data: byRegion.map(([, v]) => v.partnerships), color: '#f08c00' }]} />
              </Paper>
            </Grid.Col>
          </Grid>
        </>
      )}
    </Stack>
  );
}
