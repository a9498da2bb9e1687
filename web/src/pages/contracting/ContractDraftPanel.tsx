import { Alert, Anchor, Button, Card, Group, MultiSelect, NumberInput, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { post } from '../../api/client';
import { KPI_PERCENT, useContracts, type Contract, type Purchase } from '../../api/contracting';
import { useCostWords } from '../../api/costing';
import { invalidate } from '../../api/queries';
import { useServices } from '../../api/services';
import { useOrganisation } from '../../api/registry';
import { useSubmit } from '../../components/useSubmit';
import { today, useFormat } from '../../format';

const KPIS = ['plans_on_time', 'waiting_days', 'exits_to_community', 'occupancy'] as const;
const DEFAULT_TARGETS: Record<string, number> = { plans_on_time: 90, waiting_days: 30, exits_to_community: 10, occupancy: 85 };

// After the standstill (no complaint open), the contract of each awarded lot drawn up from the award:
// the provider, the unit price and the volumes come from the award and the lot; the council names the
// provider's services that will deliver it (their delivery log makes the monthly reports), the key
// performance indicators with their targets, the indexation rule and the sanctions. A lot already
// contracted links to its contract.
export function ContractDraftPanel({ p }: { p: Purchase }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const contracts = useContracts();
  const winners = p.ranking.filter((r) => r.rank === 1);
  const over = !!p.standstill_until && today() > p.standstill_until;
  const openComplaint = p.complaints.some((k) => k.status === 'open');
  if (p.status !== 'standstill' && p.status !== 'signed') return null;
  if (!p.may.keep && p.status !== 'signed') return null;
  const ofLot = (lot: string) => contracts.data?.items.find((k) => k.purchase_id === p.id && k.lot === lot);
  return (
    <Card withBorder data-testid="contract-drafts">
      <Title order={2} size="h4">{t('contractDraft.title')}</Title>
      {!over && p.standstill_until && <Text mt="xs">{t('offerEval.standstillUntil', { date: fmt.date(p.standstill_until) })}</Text>}
      {openComplaint && <Alert mt="xs" color="orange">{t('contractDraft.complaintOpen')}</Alert>}
      {winners.map((w) => {
        const k = ofLot(w.lot);
        const lot = p.lots.find((l) => l.code === w.lot);
        return k ? (
          <Text key={w.lot} mt="xs">{lot?.name}: <Anchor component={Link} to={`/contracting/contracts/${k.id}`}>{k.number ?? t('contracting.notNumbered')}</Anchor></Text>
        ) : p.may.draw_contracts ? <LotContract key={w.lot} p={p} lot={w.lot} organisation={w.organisation_id} /> : null;
      })}
    </Card>
  );
}

function LotContract({ p, lot, organisation }: { p: Purchase; lot: string; organisation: number }) {
  const { t } = useTranslation();
  const nav = useNavigate();
  const qc = useQueryClient();
  const { lei } = useCostWords();
  const s = useSubmit();
  const services = useServices({ type: p.type_code, provider_organisation_id: organisation });
  const provider = useOrganisation(organisation);
  const win = p.ranking.find((r) => r.lot === lot && r.rank === 1)!;
  const l = p.lots.find((x) => x.code === lot);
  const [chosen, setChosen] = useState<string[]>([]);
  const [targets, setTargets] = useState<Record<string, number>>(DEFAULT_TARGETS);
  const [indexation, setIndexation] = useState(t('contractDraft.indexationDefault'));
  const [sanctions, setSanctions] = useState(t('contractDraft.sanctionsDefault'));
  const items = services.data?.items ?? [];
  const create = () => s.submit(async () => {
    const made = await post<Contract>(`/api/v1/purchases/${p.id}/contracts`, {
      lot, services: chosen.map((id) => ({ service_id: Number(id) })), indexation, sanctions,
      kpis: KPIS.map((code) => ({ code, target: targets[code] })),
    });
    invalidate(qc, '/api/v1/contracts', '/api/v1/purchases', ['/api/v1/purchases/{id}', { id: p.id }]);
    nav(`/contracting/contracts/${made.id}`);
  });
  return (
    <Stack gap="xs" mt="sm" data-testid="lot-contract">
      <Text fw={600}>{l?.name} — {t('contractDraft.award', { name: provider.data?.name ?? '', price: lei(win.unit_price_minor), unit: t(`contract_unit.${p.unit}`) })}</Text>
      <MultiSelect label={t('contractDraft.services')} description={t('contractDraft.servicesHelp')} value={chosen} onChange={setChosen} error={s.errors.services ?? s.errors['services[0].service_id']}
        data={items.map((x) => ({ value: String(x.id), label: x.name }))} data-testid="contract-services" />
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
        {KPIS.map((code, i) => (
          <NumberInput key={code} label={t(`contract_kpi.${code}`)} suffix={KPI_PERCENT.includes(code) ? ' %' : ''} min={0} max={KPI_PERCENT.includes(code) ? 100 : 365}
            value={targets[code]} onChange={(v) => setTargets({ ...targets, [code]: Number(v) || 0 })} error={s.errors[`kpis[${i}].target`]} />
        ))}
      </SimpleGrid>
      <Textarea label={t('contractDraft.indexation')} value={indexation} onChange={(e) => setIndexation(e.currentTarget.value)} autosize minRows={1} error={s.errors.indexation} />
      <Textarea label={t('contractDraft.sanctions')} value={sanctions} onChange={(e) => setSanctions(e.currentTarget.value)} autosize minRows={1} error={s.errors.sanctions} />
      {s.error && <Text c="red" size="sm">{s.error}</Text>}
      <Group><Button loading={s.busy} onClick={create} data-testid="contract-create">{t('contractDraft.create')}</Button></Group>
    </Stack>
  );
}
