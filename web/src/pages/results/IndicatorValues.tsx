import { Alert, Badge, Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { invalidate } from '../../api/queries';
import { type Indicator, useCategorySets, useProgrammeName } from '../../api/results';
import { useSession } from '../../api/session';
import { useSubmit } from '../../components/useSubmit';

// A manual indicator's values under it in the logframe: each with its state; a partner enters one for
// a target's period and submits it; the programme's staff approve it or return it with the reason
// (the server refuses the one who submitted it). Only approved values count as the actual.
export function IndicatorValues({ x, programmeId }: { x: Indicator; programmeId: number }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const qc = useQueryClient();
  const s = useSubmit();
  const [period, setPeriod] = useState<string | null>(x.targets[0]?.period ?? null);
  const [value, setValue] = useState('');
  const [reason, setReason] = useState('');
  // Optionally by the categories of a shared set (decision 0027): one field per category.
  const sets = useCategorySets();
  const name = useProgrammeName();
  const [setId, setSetId] = useState<string | null>(null);
  const [parts, setParts] = useState<Record<string, string>>({});
  const chosen = sets.data?.items.find((c) => String(c.id) === setId);
  const body = () => ({ period, value, parts: chosen ? chosen.items.filter((i) => (parts[i.code] ?? '') !== '').map((i) => ({ set_id: chosen.id, code: i.code, value: parts[i.code] })) : [] });
  const refresh = () => invalidate(qc, ['/api/v1/programmes/{id}/framework', { id: programmeId }]);
  const label = (p: string) => (p === 'programme' ? t('results.wholeProgramme') : p);
  return (
    <Stack gap={4} mt={4} data-testid={`values-${x.code}`}>
      {x.values.map((v) => (
        <Group key={v.id} gap="xs" wrap="wrap">
          <Badge color={v.status === 'approved' ? 'teal.9' : v.status === 'returned' ? 'orange.9' : 'gray.7'}>{t(`results.valueStatus.${v.status}`)}</Badge>
          <Text size="sm">{label(v.period)}: {v.value}</Text>
          {v.flags.length > 0 && <Text size="xs" c="red.9" fw={600} data-testid="value-flag">⚠ {t('results.partsFlag')}</Text>}
          {v.returned_reason && v.status === 'returned' && <Text size="xs" c="dimmed">{v.returned_reason}</Text>}
          {(v.status === 'draft' || v.status === 'returned') && can('results.enter') && (
            <Button size="compact-xs" variant="default" loading={s.busy}
              onClick={() => s.submit(() => api('POST', `/api/v1/indicator-values/${v.id}/submit`, { version: v.version }), refresh)}>{t('results.submitValue')}</Button>
          )}
          {v.status === 'submitted' && can('results.manage') && (
            <>
              <Button size="compact-xs" loading={s.busy} data-testid="approve-value"
                onClick={() => s.submit(() => api('POST', `/api/v1/indicator-values/${v.id}/approve`, { version: v.version }), refresh)}>{t('results.approveValue')}</Button>
              <TextInput size="xs" w={220} placeholder={t('results.returnReason')} aria-label={t('results.returnReason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
              <Button size="compact-xs" variant="default" color="orange" loading={s.busy}
                onClick={() => s.submit(() => api('POST', `/api/v1/indicator-values/${v.id}/return`, { version: v.version, body: { reason } }), refresh)}>{t('results.returnValue')}</Button>
            </>
          )}
        </Group>
      ))}
      {can('results.enter') && x.targets.length > 0 && (
        <Group gap="xs" align="flex-end" wrap="wrap">
          <Select size="xs" w={160} label={t('results.period')} data={x.targets.map((tg) => ({ value: tg.period, label: label(tg.period) }))} value={period} onChange={setPeriod} error={s.errors.period} />
          <TextInput size="xs" w={120} label={t('results.value')} value={value} onChange={(e) => setValue(e.currentTarget.value)} error={s.errors.value} />
          <Select size="xs" w={200} clearable label={t('results.byCategories')} placeholder={t('results.noCategories')}
            data={(sets.data?.items ?? []).filter((c) => c.newest).map((c) => ({ value: String(c.id), label: name(c) }))} value={setId}
            onChange={(v) => { setSetId(v); setParts({}); }} />
          {chosen?.items.map((i) => (
            <TextInput key={i.code} size="xs" w={110} label={name(i)} value={parts[i.code] ?? ''}
              onChange={(e) => { const v = e.currentTarget.value; setParts((p) => ({ ...p, [i.code]: v })); }} />
          ))}
          <Button size="xs" variant="default" loading={s.busy} data-testid={`enter-value-${x.code}`}
            onClick={() => s.submit(() => api('POST', `/api/v1/indicators/${x.id}/values`, { body: body() }), () => { setValue(''); setParts({}); refresh(); })}>{t('results.enterValue')}</Button>
        </Group>
      )}
      {s.error && <Alert color="red" p="xs">{s.error}</Alert>}
    </Stack>
  );
}
