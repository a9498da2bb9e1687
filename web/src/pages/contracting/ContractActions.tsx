import { Button, Card, Group, NumberInput, SegmentedControl, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ApiUrl } from '../../api/client';
import { type Contract } from '../../api/contracting';
import { invalidate } from '../../api/queries';
import { confirmAction } from '../../components/Confirm';
import { DateField } from '../../components/DateField';
import { useSubmit } from '../../components/useSubmit';
import { toMinor, today } from '../../format';

type Action = 'amend' | 'renew' | 'end';

// The council's acts on a contract: signing the drawn-up contract (on the day both parties signed the
// PDF); once in force, a numbered amendment (volumes, unit price, end), a renewal after its review, or
// its end (terminated early, or expired) with the reason.
export function ContractActions({ c }: { c: Contract }) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 36em)');
  const qc = useQueryClient();
  const s = useSubmit();
  const [signedOn, setSignedOn] = useState(today());
  const [action, setAction] = useState<Action>('amend');
  const [summary, setSummary] = useState('');
  const [minVolume, setMinVolume] = useState<number | string>(c.min_volume);
  const [maxVolume, setMaxVolume] = useState<number | string>(c.max_volume);
  const [price, setPrice] = useState<number | string>(c.unit_price_minor / 100);
  const [endsOn, setEndsOn] = useState(c.ends_on);
  const [review, setReview] = useState('');
  const [endStatus, setEndStatus] = useState<'terminated' | 'expired'>('terminated');
  const [reason, setReason] = useState('');
  const refresh = () => invalidate(qc, '/api/v1/contracts', ['/api/v1/contracts/{id}', { id: c.id }]);
  const run = (path: ApiUrl, body: object) => s.submit(() => api('POST', path, { version: c.version, body }), refresh);

  if (c.status === 'draft') {
    return (
      <Card withBorder data-testid="contract-sign">
        <Title order={2} size="h4">{t('contractActs.signTitle')}</Title>
        <Text size="sm" c="dimmed" my="xs">{t('contractActs.signNote')}</Text>
        <Group align="flex-end">
          <DateField label={t('contractActs.signedOn')} value={signedOn} onChange={setSignedOn} error={s.errors.signed_on} w={200} />
          <Button loading={s.busy} data-testid="contract-sign-button" onClick={async () => {
            if (await confirmAction({ title: t('contractActs.signAsk'), body: t('contractActs.signBody'), confirm: t('contractActs.sign') }))
              await run(`/api/v1/contracts/${c.id}/sign`, { signed_on: signedOn });
          }}>{t('contractActs.sign')}</Button>
        </Group>
        {s.error && <Text c="red" size="sm" mt="xs">{s.error}</Text>}
      </Card>
    );
  }
  if (c.status !== 'signed') return null;
  const changed = (a: unknown, b: unknown) => a !== b;
  const amendBody = () => ({
    summary,
    ...(changed(Number(minVolume), c.min_volume) ? { min_volume: Number(minVolume) } : {}),
    ...(changed(Number(maxVolume), c.max_volume) ? { max_volume: Number(maxVolume) } : {}),
    ...(changed(toMinor(price), c.unit_price_minor) ? { unit_price_minor: toMinor(price) } : {}),
    ...(changed(endsOn, c.ends_on) ? { ends_on: endsOn } : {}),
  });
  return (
    <Card withBorder data-testid="contract-acts">
      <Title order={2} size="h4">{t('contractActs.title')}</Title>
      <SegmentedControl mt="xs" fullWidth orientation={phone ? 'vertical' : 'horizontal'} value={action} onChange={(v) => setAction(v as Action)} aria-label={t('contractActs.title')}
        data={(['amend', 'renew', 'end'] as const).map((a) => ({ value: a, label: t(`contractActs.${a}`) }))} />
      {action === 'amend' && (
        <Stack gap="xs" mt="sm">
          <SimpleGrid cols={{ base: 1, sm: 4 }} spacing="xs">
            <NumberInput label={t('contracting.minVolume')} value={minVolume} onChange={setMinVolume} min={0} thousandSeparator=" " error={s.errors.min_volume} />
            <NumberInput label={t('contracting.maxVolume')} value={maxVolume} onChange={setMaxVolume} min={0} thousandSeparator=" " error={s.errors.max_volume} />
            <NumberInput label={t('contracting.unitPrice')} value={price} onChange={setPrice} min={0} decimalScale={2} thousandSeparator=" " decimalSeparator="," suffix=" lei" error={s.errors.unit_price_minor} />
            <DateField label={t('purchaseForm.endsOn')} value={endsOn} onChange={setEndsOn} error={s.errors.ends_on} />
          </SimpleGrid>
          <Textarea label={t('contractActs.summary')} required value={summary} onChange={(e) => setSummary(e.currentTarget.value)} error={s.errors.summary} autosize minRows={2} />
          <Group><Button loading={s.busy} onClick={() => run(`/api/v1/contracts/${c.id}/amendments`, amendBody())} data-testid="contract-amend">{t('contractActs.amendSave')}</Button></Group>
        </Stack>
      )}
      {action === 'renew' && (
        <Stack gap="xs" mt="sm">
          <Textarea label={t('contractActs.review')} description={t('contractActs.reviewHelp')} required value={review} onChange={(e) => setReview(e.currentTarget.value)} error={s.errors.review} autosize minRows={2} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
            <DateField label={t('contractActs.newEnd')} value={endsOn} onChange={setEndsOn} error={s.errors.ends_on} />
            <NumberInput label={t('contracting.maxVolume')} value={maxVolume} onChange={setMaxVolume} min={0} thousandSeparator=" " error={s.errors.max_volume} />
          </SimpleGrid>
          <Group><Button loading={s.busy} onClick={() => run(`/api/v1/contracts/${c.id}/renewal`, { review, ends_on: endsOn, max_volume: Number(maxVolume) })}
            data-testid="contract-renew">{t('contractActs.renewSave')}</Button></Group>
        </Stack>
      )}
      {action === 'end' && (
        <Stack gap="xs" mt="sm">
          <SegmentedControl value={endStatus} onChange={(v) => setEndStatus(v as 'terminated' | 'expired')} aria-label={t('contractActs.end')}
            data={[{ value: 'terminated', label: t('contract_status.terminated') }, { value: 'expired', label: t('contract_status.expired') }]} />
          <Textarea label={t('contractActs.reason')} required value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={s.errors.reason} autosize minRows={2} />
          <Group><Button color="red" loading={s.busy} data-testid="contract-end" onClick={async () => {
            if (await confirmAction({ title: t('contractActs.endAsk'), body: t('contractActs.endBody'), final: t('contractActs.endFinal'), confirm: t('contractActs.end'), danger: true }))
              await run(`/api/v1/contracts/${c.id}/end`, { status: endStatus, reason });
          }}>{t('contractActs.end')}</Button></Group>
        </Stack>
      )}
      {s.error && <Text c="red" size="sm" mt="xs">{s.error}</Text>}
    </Card>
  );
}
