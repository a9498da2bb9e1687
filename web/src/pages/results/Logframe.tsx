import { Anchor, Badge, Paper, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useFramework, useProgrammeName, type Indicator } from '../../api/results';
import { useFormat } from '../../format';
import { IndicatorValues } from './IndicatorValues';

// The programme's logframe as a donor reads it: each result by level, its indicators with the baseline,
// each target and — for an indicator computed from the records — the actual beside it and how far it
// has come (a bar; reached targets in green). Manual indicators show their targets until their values
// are entered and approved.
export function Logframe({ programmeId }: { programmeId: number }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const name = useProgrammeName();
  const q = useFramework(programmeId);
  const results = q.data?.results ?? [];
  if (!results.length) return null;
  const period = (p: string) => (p === 'programme' ? t('results.wholeProgramme') : p);
  const progress = (x: Indicator, target: string, actual: number | undefined) => {
    const goal = Number(target);
    if (actual === undefined || !Number.isFinite(goal) || goal <= 0) return null;
    const share = Math.min(100, Math.round((actual * 100) / goal));
    const met = x.ascending ? actual >= goal : actual <= goal;
    return <Progress value={share} color={met ? 'teal' : 'orange'} size="sm" mt={4} aria-label={`${share}%`} />;
  };
  return (
    <Paper withBorder p="md" data-testid="logframe">
      <Title order={2} size="h4">{t('results.logframe')}</Title>
      <Stack gap="md" mt="xs">
        {results.map((r) => (
          <div key={r.id}>
            <Text fw={600}><Badge color="blue.8" mr="xs">{t(`results.level.${r.level}`)} {r.position}</Badge>{name({ name_ro: r.title_ro, name_ru: r.title_ru, name_en: r.title_en })}</Text>
            {r.indicators.length > 0 && (
              <Table.ScrollContainer minWidth={340}>
                <Table mt={4} withTableBorder>
                  <Table.Thead><Table.Tr><Table.Th>{t('results.indicator')}</Table.Th><Table.Th visibleFrom="sm">{t('results.baseline')}</Table.Th>
                    <Table.Th>{t('results.targetActual')}</Table.Th></Table.Tr></Table.Thead>
                  <Table.Tbody>
                    {r.indicators.map((x) => (
                      <Table.Tr key={x.id} data-testid="indicator">
                        <Table.Td><Anchor component={Link} to={`/results/indicators/${x.id}`} size="sm" data-testid="indicator-link">{x.code} · {name(x)}</Anchor>
                          <Text size="xs" c="dimmed">{x.measure ? t('results.computed') : t('results.manual')}</Text>
                          {!x.measure && <IndicatorValues x={x} programmeId={programmeId} />}</Table.Td>
                        <Table.Td visibleFrom="sm">{x.baseline ?? '—'}{x.baseline_year ? ` (${x.baseline_year})` : ''}</Table.Td>
                        <Table.Td>
                          {x.targets.map((tg) => {
                            const actual = x.actuals.find((a) => a.period === tg.period)?.value;
                            return (
                              <div key={tg.period}>
                                <Text size="sm">{period(tg.period)}: {actual !== undefined ? `${fmt.number(actual, 0)} / ` : ''}{fmt.number(Number(tg.value), 0)}</Text>
                                {progress(x, tg.value, actual)}
                              </div>
                            );
                          })}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </div>
        ))}
      </Stack>
    </Paper>
  );
}
