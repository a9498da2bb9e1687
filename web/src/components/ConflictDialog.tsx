import { Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

type Rec = Record<string, unknown>;
const show = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : Array.isArray(v) ? v.join(', ') : typeof v === 'object' ? JSON.stringify(v) : String(v));
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

// A stale edit: someone saved a newer version. Shows what they changed and what the user typed;
// the user reloads (their values stay visible here to copy) or keeps their values over the new version.
export function ConflictDialog({ base, latest, mine, labels, onReload, onKeepMine, onClose }: {
  base: Rec; latest: Rec; mine: Rec; labels: Record<string, string>;
  onReload: () => void; onKeepMine: () => void; onClose: () => void;
}) {
  const { t } = useTranslation();
  const fields = Object.keys(labels).filter((f) => !same(base[f], latest[f]) || !same(base[f], mine[f]));
  return (
    <Modal opened onClose={onClose} title={t('conflict.title')} size="xl">
      <Stack>
        <Text size="sm">{t('conflict.body')}</Text>
        <Table striped withTableBorder data-testid="conflict-table">
          <Table.Thead>
            <Table.Tr><Table.Th>{t('conflict.field')}</Table.Th><Table.Th>{t('conflict.theirs')}</Table.Th><Table.Th>{t('conflict.yours')}</Table.Th></Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {fields.map((f) => (
              <Table.Tr key={f}>
                <Table.Td fw={600}>{labels[f]}</Table.Td>
                <Table.Td>{show(latest[f])}</Table.Td>
                <Table.Td>{same(base[f], mine[f]) ? <i>{t('conflict.unchanged')}</i> : show(mine[f])}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Group justify="flex-end">
          <Button variant="default" onClick={onKeepMine}>{t('conflict.keepMine')}</Button>
          <Button onClick={onReload}>{t('common.reload')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
