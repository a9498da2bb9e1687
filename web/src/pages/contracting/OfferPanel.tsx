import { Alert, Anchor, Button, Card, FileButton, Group, NumberInput, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, post } from '../../api/client';
import { useOffersOf, type Offer, type Purchase } from '../../api/contracting';
import { useCostWords } from '../../api/costing';
import { upload } from '../../api/grants';
import { invalidate } from '../../api/queries';
import { StatusBadge } from '../../components/StatusBadge';
import { useSubmit } from '../../components/useSubmit';
import { useFormat } from '../../format';

// A provider's one offer to a purchase: a unit price per lot (never above the ceiling; more than 15%
// below the standard needs a justification), a proposal for each quality criterion, the staff and the
// capacity. Saved as a draft until submitted; changed or withdrawn until the deadline; sealed from the
// authority and the other providers until then.
export function OfferPanel({ p }: { p: Purchase }) {
  const { t } = useTranslation();
  const q = useOffersOf(p.id);
  const mine = q.data?.items[0];
  if (q.isLoading || (!mine && !p.may.offer)) return null;
  return <OfferForm p={p} offer={mine} key={mine ? `${mine.id}-${mine.version}` : 'new'} title={t('offer.title')} />;
}

type Draft = { prices: Record<string, number>; quality: Record<string, string>; staff: string; capacity: number; justification: string };

function OfferForm({ p, offer, title }: { p: Purchase; offer: Offer | undefined; title: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { lei } = useCostWords();
  const s = useSubmit();
  const qc = useQueryClient();
  const [d, setD] = useState<Draft>(() => ({
    prices: Object.fromEntries((offer?.lots ?? []).map((l) => [l.lot, l.unit_price_minor])),
    quality: Object.fromEntries((offer?.quality ?? []).map((x) => [x.criterion, x.text])),
    staff: offer?.staff ?? '', capacity: offer?.capacity ?? 0, justification: offer?.justification ?? '',
  }));
  const refresh = () => invalidate(qc, ['/api/v1/purchases/{id}/offers', { id: p.id }], '/api/v1/offers');
  const editable = p.may.offer && (!offer || offer.status === 'draft');
  const low = (minor: number) => !!p.standard_unit_cost_minor && minor > 0 && minor * 100 < p.standard_unit_cost_minor * 85;
  const anyLow = Object.values(d.prices).some(low);
  const body = {
    lots: p.lots.filter((l) => d.prices[l.code] > 0).map((l) => ({ lot: l.code, unit_price_minor: d.prices[l.code] })),
    quality: p.criteria.filter((c) => d.quality[c.code]?.trim()).map((c) => ({ criterion: c.code, text: d.quality[c.code] })),
    staff: d.staff, capacity: d.capacity, justification: anyLow ? d.justification : null,
  };
  const save = (then?: (o: Offer) => Promise<unknown>) => s.submit(async () => {
    const o = offer ? await api<Offer>('PATCH', `/api/v1/offers/${offer.id}`, { version: offer.version, body })
      : await post<Offer>(`/api/v1/purchases/${p.id}/offers`, body);
    if (then) await then(o);
  }, refresh);
  const err = (k: string) => s.errors[k];
  return (
    <Card withBorder data-testid="offer">
      <Stack>
        <Group justify="space-between">
          <Title order={2}>{title}</Title>
          {offer && <StatusBadge group="offer_status" value={offer.status} />}
        </Group>
        <Text size="sm" c="dimmed">{t('offer.sealed', { date: p.offer_deadline ? fmt.dateTime(p.offer_deadline) : '—' })}</Text>
        {s.error && <Alert color="red" data-testid="offer-error">{s.error}</Alert>}
        <Table withTableBorder>
          <Table.Thead><Table.Tr><Table.Th>{t('contracting.lot')}</Table.Th>
            <Table.Th ta="right">{t('offer.price', { unit: t(`contract_unit.${p.unit}`) })}</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {p.lots.map((l, i) => (
              <Table.Tr key={l.code}>
                <Table.Td>{l.name}<Text size="xs" c="dimmed">{t('contracting.ceiling')}: {lei(p.ceiling_minor)}</Text></Table.Td>
                <Table.Td ta="right">
                  <NumberInput aria-label={`${t('offer.price', { unit: t(`contract_unit.${p.unit}`) })} — ${l.name}`} w={{ base: 120, sm: 160 }} ml="auto" value={(d.prices[l.code] ?? 0) / 100}
                    decimalScale={2} min={0} thousandSeparator=" " decimalSeparator="," hideControls readOnly={!editable} data-testid={`offer-price-${l.code}`}
                    onChange={(v) => setD({ ...d, prices: { ...d.prices, [l.code]: Math.round(Number(v || 0) * 100) } })}
                    error={err(`lots[${body.lots.findIndex((x) => x.lot === l.code)}].unit_price_minor`) ?? (low(d.prices[l.code] ?? 0) ? t('offer.low') : undefined)} />
                  {i === 0 && <Text size="xs" c="dimmed" mt={2}>{t('offer.priceHint')}</Text>}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {anyLow && <Textarea label={t('offer.justification')} description={t('offer.justificationHelp')} value={d.justification} readOnly={!editable}
          onChange={(e) => setD({ ...d, justification: e.currentTarget.value })} error={err('justification')} autosize minRows={2} data-testid="offer-justification" />}
        {p.criteria.map((c, i) => (
          <Textarea key={c.code} label={t('offer.proposal', { name: c.name, weight: c.weight })} value={d.quality[c.code] ?? ''} readOnly={!editable} autosize minRows={3}
            onChange={(e) => setD({ ...d, quality: { ...d.quality, [c.code]: e.currentTarget.value } })} error={err(`quality[${i}].text`) ?? err(`quality.${c.code}`)} data-testid={`offer-quality-${c.code}`} />
        ))}
        <Textarea label={t('offer.staff')} value={d.staff} readOnly={!editable} autosize minRows={2} onChange={(e) => setD({ ...d, staff: e.currentTarget.value })} error={err('staff')} data-testid="offer-staff" />
        <NumberInput label={t('offer.capacity')} value={d.capacity} min={0} readOnly={!editable} w={220} onChange={(v) => setD({ ...d, capacity: Number(v || 0) })} error={err('capacity')} data-testid="offer-capacity" />
        {p.documents.length > 0 && <OfferDocuments p={p} offer={offer} onDone={refresh} />}
        <Group>
          {editable && <Button variant="default" loading={s.busy} onClick={() => save()} data-testid="offer-save">{t('offer.save')}</Button>}
          {editable && <Button loading={s.busy} data-testid="offer-submit"
            onClick={() => save((o) => api('POST', `/api/v1/offers/${o.id}/submit`, { version: o.version }))}>{t('offer.submit')}</Button>}
          {offer && offer.status === 'submitted' && p.may.offer && <Button color="red" variant="outline" loading={s.busy} data-testid="offer-withdraw"
            onClick={() => s.submit(() => api('POST', `/api/v1/offers/${offer.id}/withdraw`, { version: offer.version }), refresh)}>{t('offer.withdraw')}</Button>}
        </Group>
        {offer?.submitted_at && <Text size="sm" c="dimmed">{t('offer.submittedAt', { date: fmt.dateTime(offer.submitted_at) })}</Text>}
      </Stack>
    </Card>
  );
}

// The documents the purchase asks for, each attached to the saved offer until the deadline (sealed
// with it) and listed with a link to read it.
function OfferDocuments({ p, offer, onDone }: { p: Purchase; offer: Offer | undefined; onDone: () => void }) {
  const { t } = useTranslation();
  const s = useSubmit();
  const open = !!offer && p.may.offer && offer.status !== 'withdrawn';
  return (
    <Stack gap={4} data-testid="offer-documents">
      <Text fw={600}>{t('purchaseForm.documents')}</Text>
      {p.documents.map((doc) => {
        const files = (offer?.documents ?? []).filter((x) => x.kind === doc.code);
        return (
          <Group key={doc.code} gap="xs" wrap="wrap">
            <Text size="sm" style={{ minWidth: 200 }}>{doc.name}</Text>
            {files.map((f) => <Anchor key={f.id} size="sm" href={`/api/v1/documents/${f.id}`}>{f.filename}</Anchor>)}
            {open && (
              <FileButton accept="application/pdf,image/*" onChange={(file) => file && s.submit(() => upload(`/api/v1/offers/${offer!.id}/documents`, file, { kind: doc.code }), onDone)}>
                {(props) => <Button size="xs" variant="default" loading={s.busy} {...props} data-testid={`offer-upload-${doc.code}`}>{t('offer.attach')}</Button>}
              </FileButton>
            )}
          </Group>
        );
      })}
      {!offer && p.may.offer && <Text size="sm" c="dimmed">{t('offer.attachAfterSave')}</Text>}
      {s.error && <Text c="red" size="sm">{s.error}</Text>}
    </Stack>
  );
}
