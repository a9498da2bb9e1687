import { Anchor, Badge, Button, Card, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useDistricts } from '../../api/registry';
import { useSession } from '../../api/session';
import { usePeople } from '../../api/services';

// The people the user may see: by pseudonymous code only, never by name.
export function PeoplePage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const [code, setCode] = useState('');
  const [search] = useDebouncedValue(code.trim(), 250);
  const districts = useDistricts();
  const list = usePeople(search, 200);
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
      <TextInput label={t('svc.searchCode')} placeholder="P-7K3M" w={260} value={code} onChange={(e) => setCode(e.currentTarget.value)} />
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
    </Stack>
  );
}
