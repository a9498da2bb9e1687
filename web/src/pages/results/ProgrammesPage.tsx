import { Anchor, Badge, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useProgrammeName, useProgrammes } from '../../api/results';
import { gate } from '../../components/Gate';
import { useFormat } from '../../format';

// The programmes the calls, grants and results belong to, newest first: each opens its figures.
export function ProgrammesPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const name = useProgrammeName();
  const q = useProgrammes();
  const wait = gate(t, q);
  return (
    <Stack>
      <Title order={1}>{t('results.title')}</Title>
      <Text c="dimmed">{t('results.intro')}</Text>
      {wait ?? (
        <Table.ScrollContainer minWidth={340}>
          <Table striped withTableBorder data-testid="programmes">
            <Table.Thead><Table.Tr><Table.Th>{t('results.programme')}</Table.Th><Table.Th>{t('results.period')}</Table.Th>
              <Table.Th visibleFrom="sm" ta="right">{t('results.budget')}</Table.Th><Table.Th>{t('common.status')}</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {(q.data?.items ?? []).map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td><Anchor component={Link} to={`/results/programmes/${p.id}`}>{name(p)}</Anchor><Text size="xs" c="dimmed">{p.code}</Text></Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{fmt.date(p.starts_on)} — {fmt.date(p.ends_on)}</Table.Td>
                  <Table.Td visibleFrom="sm" ta="right" style={{ whiteSpace: 'nowrap' }}>
                    {p.contributions.map((c) => <div key={`${c.by}-${c.currency}`}>{fmt.money(c.amount_minor, c.currency)}</div>)}</Table.Td>
                  <Table.Td><Badge color={p.status === 'active' ? 'teal' : 'gray'}>{t(`results.status.${p.status}`)}</Badge></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
