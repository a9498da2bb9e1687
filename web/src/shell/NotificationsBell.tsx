import { ActionIcon, Button, Group, Indicator, Popover, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { post } from '../api/client';
import type { Notification } from '../api/grants';
import { recordPath, useNotifications } from '../api/platform';
import { today, useFormat } from '../format';

// The user's notifications: unread count on the bell, the latest in a list; opening one marks it read
// and goes to what it is about. Refreshed every minute.
export function NotificationsBell() {
  const { t } = useTranslation();
  const nav = useNavigate();
  const [opened, setOpened] = useState(false);
  const q = useNotifications();
  const unread = q.data?.unread ?? 0;
  const f = useFormat();
  // A date a notification names reads in the user's format; one already past reads as overdue.
  const sentence = (n: Notification) => {
    const params = { ...(n.params as Record<string, unknown>) };
    const due = typeof params.due_on === 'string' ? params.due_on : null;
    if (due) params.due_on = f.date(due);
    const key = due && due < today() && !n.read_at && t(`notif.${n.kind}_overdue`, { defaultValue: '' }) ? `notif.${n.kind}_overdue` : `notif.${n.kind}`;
    return t(key, { ...params, defaultValue: n.kind });
  };
  const open = async (n: Notification) => {
    if (!n.read_at) await post(`/api/v1/notifications/${n.id}/read`).catch(() => undefined);
    setOpened(false);
    q.refetch();
    // Evaluation assignments point at the call; the evaluator's work is in their inbox.
    const params = n.params as Record<string, unknown>;
    const to = n.kind === 'evaluation_assigned' ? '/evaluations'
      : n.entity === 'followup' ? recordPath('person', Number(params.person_id)) : recordPath(n.entity, n.entity_id);
    if (to) nav(to);
  };
  return (
    <Indicator label={unread > 99 ? '99+' : unread} size={18} color="#c92a2a" disabled={unread === 0} offset={4}>
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width={380} shadow="md">
      <Popover.Target>
          <ActionIcon variant="default" size="lg" onClick={() => setOpened((o) => !o)} aria-label={t('notif.title', { count: unread })} data-testid="bell">
            <svg width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true"><path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" /><path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" /></svg>
          </ActionIcon>
      </Popover.Target>
      <Popover.Dropdown>
        <Group justify="space-between" mb="xs">
          <Text fw={700}>{t('notif.heading')}</Text>
          {unread > 0 && <Button size="compact-xs" variant="subtle" onClick={() => post('/api/v1/notifications/read-all').then(() => q.refetch())}>{t('notif.readAll')}</Button>}
        </Group>
        <ScrollArea.Autosize mah={420}>
          <Stack gap={4}>
            {(q.data?.items ?? []).map((n) => (
              <UnstyledButton key={n.id} onClick={() => open(n)} p={6} style={{ borderRadius: 4, background: n.read_at ? undefined : 'var(--mantine-color-teal-0)' }} data-testid="notification">
                <Text size="sm" fw={n.read_at ? 400 : 600}>{sentence(n)}</Text>
                <Text size="xs" c="dimmed">{f.dateTime(n.created_at)}</Text>
              </UnstyledButton>
            ))}
            {q.data && q.data.items.length === 0 && <Text size="sm">{t('notif.none')}</Text>}
          </Stack>
        </ScrollArea.Autosize>
      </Popover.Dropdown>
    </Popover>
    </Indicator>
  );
}
