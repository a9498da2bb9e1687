import { Anchor, Badge, Button, Card, Group, SegmentedControl, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { CursorPager } from '../../components/CursorPager';
import { useDistricts } from '../../api/registry';
import { useSession } from '../../api/session';
import { usePeople } from '../../api/services';

const STAGES = ['', 'due', 'waiting', 'enrolled'] as const;

// The people the user may see: by pseudonymous code only, never by name; a case worker's own
// caseload, and those with work due, waiting for a place or enrolled; a page at a time.
export function PeoplePage() {
  const { t } = useTranslation();
  const { can, session } = useSession();
  const [params, setParams] = useSearchParams();
  const [code, setCode] = useState('');
  const [search] = useDebouncedValue(code.trim(), 250);
  const [stack, setStack] = useState<string[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const caseWorker = session?.user.role === 'case_worker';
  // A case worker starts from their own caseload.
  const mine = (params.get('mine') ?? (caseWorker ? '1' : '0')) === '1';
  const asked = (params.get('stage') ?? '') as (typeof STAGES)[number];
  const stage = STAGES.includes(asked) ? asked : '';
  const set = (k: string, v: string) => {
    const p = new URLSearchParams(params);
    p.set(k, v);
    setParams(p, { replace: true }); setStack([]); setCursor(null);
  };
  const districts = useDistricts();
  const list = usePeople({ code: search, mine, stage, cursor }, 50);
  const phone = useMediaQuery('(max-width: 48em)');
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t('svc.people')}</Title>
        <Group>
          <Button variant="default" component={Link} to="/referrals">{t('ref.title')}</Button>
          {can('people.write') && <Button component={Link} to="/people/new">{t('svc.register')}</Button>}
        </Group>
      </Group>
      <Text size="sm" c="dimmed">{t('svc.peopleHelp')}</Text>
      <Group align="flex-end">
        <TextInput label={t('svc.searchCode')} placeholder="P-7K3M" w={220} value={code} onChange={(e) => { setCode(e.currentTarget.value); setStack([]); setCursor(null); }} />
        <SegmentedControl value={stage} onChange={(v) => set('stage', v)} data-testid="people-stage"
          data={STAGES.map((s) => ({ value: s, label: t(`svc.stage.${s || 'all'}`) }))} />
        {can('people.write') && <Switch label={t('svc.onlyMine')} checked={mine} onChange={(e) => set('mine', e.currentTarget.checked ? '1' : '0')} data-testid="people-mine" />}
      </Group>
      {phone && (
        <Stack gap="xs" data-testid="people-cards">
          {(list.data?.items ?? []).map((p) => (
            <Card key={p.id} withBorder padding="sm" component={Link} to={`/people/${p.id}`}>
              <Text ff="monospace" fw={700} c="teal.9">{p.code}</Text>
              <Text size="sm">{t(`sex.${p.sex}`)} · {p.age_group} · {districts.data?.find((d) => d.code === p.district)?.name ?? p.district}</Text>
              {p.disability_type && <Text size="sm" c="dimmed">{t(`disability.${p.disability_type}`)}</Text>}
            </Card>
          ))}
          {list.data && list.data.items.length === 0 && <Text>{t('common.none')}</Text>}
        </Stack>
      )}
      {!phone && <Table striped highlightOnHover withTableBorder>
        <Table.Thead><Table.Tr><Table.Th>{t('svc.code')}</Table.Th><Table.Th>{t('svc.sex')}</Table.Th><Table.Th>{t('svc.ageGroup')}</Table.Th>
          <Table.Th>{t('common.district')}</Table.Th><Table.Th>{t('svc.disability')}</Table.Th><Table.Th>{t('svc.groups')}</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {(list.data?.items ?? []).map((p) => (
            <Table.Tr key={p.id}>
              <Table.Td ff="monospace"><Anchor component={Link} to={`/people/${p.id}`}>{p.code}</Anchor></Table.Td>
              <Table.Td>{t(`sex.${p.sex}`)}</Table.Td>
              <Table.Td>{p.age_group}</Table.Td>
              <Table.Td>{districts.data?.find((d) => d.code === p.district)?.name ?? p.district}</Table.Td>
              <Table.Td>{p.disability_type ? t(`disability.${p.disability_type}`) : '—'}</Table.Td>
              <Table.Td><Group gap={4}>{p.target_groups.map((g) => <Badge key={g} variant="outline" color="gray.8" size="sm">{t(`target_group.${g}`)}</Badge>)}</Group></Table.Td>
            </Table.Tr>
          ))}
          {list.data && list.data.items.length === 0 && <Table.Tr><Table.Td colSpan={6}><Text>{t('common.none')}</Text></Table.Td></Table.Tr>}
        </Table.Tbody>
      </Table>}
      {list.data && (
        <CursorPager total={list.data.total} stack={stack} next={list.data.next_cursor}
          onPrev={() => { const s = [...stack]; const prev = s.pop() ?? null; setStack(s); setCursor(prev === '' ? null : prev); }}
          onNext={(c) => { setStack([...stack, cursor ?? '']); setCursor(c); }} />
      )}
    </Stack>
  );
}
