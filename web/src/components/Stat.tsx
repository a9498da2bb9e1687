import { Paper, Text } from '@mantine/core';

// One figure in a bordered card: a small label above, the value in bold, an optional line below.
export function Stat({ label, value, sub, big = false, testId }: { label: string; value: string | number; sub?: string; big?: boolean; testId?: string }) {
  return (
    <Paper withBorder p={big ? 'md' : 'sm'}>
      <Text size={big ? 'sm' : 'xs'} c="dimmed">{label}</Text>
      <Text fz={big ? 28 : undefined} fw={700} data-testid={testId}>{value}</Text>
      {sub && <Text size="sm" c="dimmed">{sub}</Text>}
    </Paper>
  );
}
