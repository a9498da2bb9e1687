import { Grid, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useSession } from '../api/session';
import { useDistricts, type DistrictCount, useDistrictCounts } from '../api/registry';
import { BarChart } from '../components/BarChart';
import { DistrictMap } from '../components/DistrictMap';
import { Stat } from '../components/Stat';

const REGION: Record<string, { ro: string; ru: string; en: string }> = {
  North: { ro: 'Nord', ru: 'Север', en: 'North' }, Centre: { ro: 'Centru', ru: 'Центр', en: 'Centre' },
  South: { ro: 'Sud', ru: 'Юг', en: 'South' }, 'Chișinău': { ro: 'Chișinău', ru: 'Кишинёв', en: 'Chișinău' },
  'Găgăuzia': { ro: 'Găgăuzia', ru: 'Гагаузия', en: 'Gagauzia' }, 'Left bank': { ro: 'Stînga Nistrului', ru: 'Левобережье', en: 'Left bank' },
};


export function HomePage() {
  const { t, i18n } = useTranslation();
  const { session, can } = useSession();
  const districts = useDistricts();
  const counts = useDistrictCounts(can('registry.read'));
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
      <Text c="dimmed">{t('app.tagline')}</Text>
      {counts.data && districts.data && (
        <>
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
