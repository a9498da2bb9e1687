import { useEffect, useState } from 'react';
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

// Asks before an action that cannot be taken back (issue 12): submitting an application or an
// evaluation, approving or returning a report, paying a tranche, deciding a referral, anonymising a
// person. Says what will happen and what cannot be undone; resolves true only on the confirm button.
export interface Ask {
  title: string;
  body: string;
  // What cannot be undone (shown in bold), when something cannot.
  final?: string;
  confirm: string;
  danger?: boolean;
}
type Pending = Ask & { resolve: (ok: boolean) => void };
let open: ((p: Pending) => void) | null = null;

export function confirmAction(ask: Ask): Promise<boolean> {
  return new Promise((resolve) => (open ? open({ ...ask, resolve }) : resolve(window.confirm(`${ask.title}\n\n${ask.body}`))));
}

// Mounted once (main.tsx).
export function ConfirmHost() {
  const { t } = useTranslation();
  const [p, setP] = useState<Pending | null>(null);
  useEffect(() => { open = setP; return () => { open = null; }; }, []);
  if (!p) return null;
  const done = (ok: boolean) => { p.resolve(ok); setP(null); };
  return (
    <Modal opened onClose={() => done(false)} title={p.title} data-testid="confirm-dialog">
      <Stack gap="xs">
        <Text size="sm">{p.body}</Text>
        {p.final && <Text size="sm" fw={700}>{p.final}</Text>}
      </Stack>
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={() => done(false)}>{t('common.cancel')}</Button>
        <Button color={p.danger ? 'red.9' : undefined} onClick={() => done(true)} data-testid="confirm-yes">{p.confirm}</Button>
      </Group>
    </Modal>
  );
}
