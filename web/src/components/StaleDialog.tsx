import { useEffect, useState } from 'react';
import { Button, Group, Modal, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

// A stale edit outside the record forms (which show ConflictDialog, field by field): an action or a
// save answered 412 because someone changed the record since the page read it. One dialog for the
// whole application says so and reloads what the page shows; nothing was saved.
type Listener = (open: boolean) => void;
let listener: Listener | null = null;

export const isStale = (e: unknown) => e instanceof ApiError && e.status === 412;
export function showStale() { listener?.(true); }

// Mounted once, inside the query client (main.tsx).
export function StaleDialogHost() {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const [open, setOpen] = useState(false);
  useEffect(() => { listener = setOpen; return () => { listener = null; }; }, []);
  if (!open) return null;
  const reload = () => { setOpen(false); void queries.invalidateQueries(); };
  return (
    <Modal opened onClose={reload} title={t('conflict.title')} data-testid="stale-dialog">
      <Text size="sm">{t('conflict.stale')}</Text>
      <Group justify="flex-end" mt="md"><Button onClick={reload}>{t('conflict.reload')}</Button></Group>
    </Modal>
  );
}
