import { Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

// Previous/next over a cursor-paginated list: the cursors of earlier pages are kept in a stack.
export function CursorPager({ total, stack, next, onPrev, onNext }: {
  total: number; stack: string[]; next: string | null; onPrev: () => void; onNext: (c: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <Group justify="space-between">
      <Text size="sm" c="dimmed" data-testid="total">{t('common.total', { count: total })}</Text>
      <Group gap="xs">
        <Button variant="default" size="xs" disabled={stack.length === 0} onClick={onPrev}>{t('common.previous')}</Button>
        <Button variant="default" size="xs" disabled={!next} onClick={() => next && onNext(next)}>{t('common.next')}</Button>
      </Group>
    </Group>
  );
}
