import { Button, Group, MultiSelect, Paper, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useAction } from '../../components/useAction';
import { useServiceStaff, type Service } from '../../api/services';


// The service's case workers: who is assigned sees the people enrolled in it and keeps its grid.
// Saved against the service's version: a stale save is refused (412) and shown, never merged.
export function StaffPanel({ service, onSaved }: { service: Service; onSaved: () => void }) {
  const { t } = useTranslation();
  const q = useServiceStaff(service.id);
  const [chosen, setChosen] = useState<string[]>([]);
  useEffect(() => { if (q.data) setChosen(q.data.items.filter((c) => c.assigned).map((c) => String(c.id))); }, [q.data]);
  const run = useAction(() => { q.refetch(); onSaved(); });
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="xs">{t('svc.caseWorkers')}</Title>
      <Text size="sm" c="dimmed" mb="xs">{t('svc.staffHelp')}</Text>
      <Group align="flex-end">
        <MultiSelect label={t('svc.assign')} style={{ flex: 1 }} searchable value={chosen} onChange={setChosen}
          data={(q.data?.items ?? []).map((c) => ({ value: String(c.id), label: `${c.name} (${t(`role.${c.role}`)})` }))} />
        <Button onClick={() => run(() => api('PUT', `/api/v1/services/${service.id}/staff`, { body: { user_ids: chosen.map(Number) }, version: q.data?.version }), t('svc.staffSaved'))}>{t('common.save')}</Button>
      </Group>
    </Paper>
  );
}
