import { Paper, Text } from '@mantine/core';
import { useFormat } from '../format';

// One figure in a bordered card: a small label above, the value in bold, an optional line below; a
// number as the user's language writes it (12 345). A
// word longer than a narrow card (ru "Деинституционализированы") breaks rather than runs out of it.
export function Stat({ label, value, sub, big = false, testId }: { label: string; value: string | number; sub?: string; big?: boolean; testId?: string }) {
  const fmt = useFormat();
  return (
    <Paper withBorder p={big ? 'md' : 'sm'}>
      <Text size={big ? 'sm' : 'xs'} c="dimmed" style={{ overflowWrap: 'anywhere', hyphens: 'auto' }}>{label}</Text>
      <Text fz={big ? 28 : undefined} fw={700} data-testid={testId} style={{ overflowWrap: 'anywhere' }}>{typeof value === 'number' ? fmt.number(value, 0) : value}</Text>
      {sub && <Text size="sm" c="dimmed">{sub}</Text>}
    </Paper>
  );
}
