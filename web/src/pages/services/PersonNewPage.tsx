import { Alert, Button, Checkbox, Group, MultiSelect, Paper, Radio, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { ApiError, post } from '../../api/client';
import { today } from '../../format';
import { TARGET_GROUPS, useDistricts, useLocalities } from '../../api/registry';
import { useSession } from '../../api/session';
import { CONSENT_PURPOSES, DISABILITY_DEGREES, DISABILITY_TYPES, type Person } from '../../api/services';
import { errorSentence, fieldErrorSentence, fieldErrors } from '../../components/FormErrors';
import { DateField } from '../../components/DateField';

// Registering a person: identity (encrypted on the server, shown only to those who need it),
// attributes used in the aggregates, and the consent that allows the file to exist.
export function PersonNewPage() {
  const { t } = useTranslation();
  const nav = useNavigate();
  const { session } = useSession();
  const districts = useDistricts();
  const [id, setId] = useState({ first_name: '', last_name: '', birth_date: '', idnp: '', address: '', representative: '' });
  const [v, setV] = useState({ sex: '', district: session!.user.district ?? '', locality: '', disability_type: '', disability_degree: '', target_groups: [] as string[] });
  const [consent, setConsent] = useState({ purposes: ['services', 'data_processing'], given_on: today(), given_by: 'person' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState('');
  const [duplicate, setDuplicate] = useState('');
  const localities = useLocalities(v.district);
  const save = async () => {
    const identity = Object.fromEntries(Object.entries(id).filter(([, x]) => x.trim() !== ''));
    const attrs = Object.fromEntries(Object.entries(v).filter(([, x]) => (Array.isArray(x) ? true : x !== '')));
    try {
      const p = await post<Person>('/api/v1/people', { identity, ...attrs, consent });
      nav(`/people/${p.id}`);
    } catch (e) {
      setErrors(fieldErrors(e, t));
      setFormError(errorSentence(e, t));
      setDuplicate(e instanceof ApiError && e.status === 409 ? (e.problem.errors?.[0] ? fieldErrorSentence(t, e.problem.errors[0]) : '') : '');
    }
  };
  const E = (f: string) => errors[f];
  const clear = (f: string) => setErrors((e) => { const { [f]: _, ...rest } = e; return rest; });
  const idProps = (f: keyof typeof id) => ({
    value: id[f], error: E(`identity.${f}`),
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => { setId({ ...id, [f]: e.currentTarget.value }); clear(`identity.${f}`); },
  });
  return (
    <Stack maw={900}>
      <Title order={1}>{t('svc.register')}</Title>
      <Paper withBorder p="md">
        <Title order={2} size="h4">{t('svc.identity')}</Title>
        <Text size="sm" c="dimmed" mb="sm">{t('svc.identityHelp')}</Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('svc.firstName')} required {...idProps('first_name')} />
          <TextInput label={t('svc.lastName')} required {...idProps('last_name')} />
          <DateField label={t('svc.birthDate')} required value={id.birth_date} error={E('identity.birth_date')}
            onChange={(d) => { setId({ ...id, birth_date: d }); clear('identity.birth_date'); }} />
          <TextInput label={t('svc.idnp')} description={t('svc.idnpHelp')} inputMode="numeric" maxLength={13} {...idProps('idnp')} />
          <TextInput label={t('svc.address')} {...idProps('address')} />
          <TextInput label={t('svc.representative')} {...idProps('representative')} />
        </SimpleGrid>
      </Paper>
      <Paper withBorder p="md">
        <Title order={2} size="h4" mb="sm">{t('svc.profile')}</Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Radio.Group label={t('svc.sex')} required value={v.sex} onChange={(x) => setV({ ...v, sex: x })} error={E('sex')}>
            <Group mt={4}><Radio value="female" label={t('sex.female')} /><Radio value="male" label={t('sex.male')} /></Group>
          </Radio.Group>
          <MultiSelect label={t('svc.groups')} required data={TARGET_GROUPS.map((g) => ({ value: g, label: t(`target_group.${g}`) }))} value={v.target_groups}
            onChange={(x) => { setV({ ...v, target_groups: x }); clear('target_groups'); }} error={E('target_groups')} />
          <Select label={t('common.district')} required searchable data={(districts.data ?? []).map((d) => ({ value: d.code, label: d.name }))}
            value={v.district || null} onChange={(x) => setV({ ...v, district: x ?? '', locality: '' })} error={E('district')} />
          <Select label={t('svc.locality')} searchable clearable data={(localities.data ?? []).map((d) => ({ value: d.code, label: d.name }))}
            value={v.locality || null} onChange={(x) => setV({ ...v, locality: x ?? '' })} error={E('locality')} />
          <Select label={t('svc.disability')} clearable data={DISABILITY_TYPES.map((d) => ({ value: d, label: t(`disability.${d}`) }))}
            value={v.disability_type || null} onChange={(x) => setV({ ...v, disability_type: x ?? '' })} error={E('disability_type')} />
          <Select label={t('svc.disabilityDegree')} clearable disabled={!v.disability_type} data={DISABILITY_DEGREES.map((d) => ({ value: d, label: t(`disability_degree.${d}`) }))}
            value={v.disability_degree || null} onChange={(x) => setV({ ...v, disability_degree: x ?? '' })} error={E('disability_degree')} />
        </SimpleGrid>
      </Paper>
      <Paper withBorder p="md">
        <Title order={2} size="h4" mb="sm">{t('svc.consent')}</Title>
        <Checkbox.Group label={t('svc.consentPurposes')} value={consent.purposes} onChange={(x) => setConsent({ ...consent, purposes: x })} error={E('consent.purposes')}>
          <Stack gap={6} mt={6}>{CONSENT_PURPOSES.map((p) => <Checkbox key={p} value={p} label={t(`consent_purpose.${p}`)} />)}</Stack>
        </Checkbox.Group>
        <SimpleGrid cols={{ base: 1, sm: 2 }} mt="sm">
          <DateField label={t('svc.consentGivenOn')} required value={consent.given_on} onChange={(d) => setConsent({ ...consent, given_on: d })} error={E('consent.given_on')} />
          <Select label={t('svc.consentGivenBy')} required data={['person', 'legal_representative'].map((x) => ({ value: x, label: t(`consent_by.${x}`) }))}
            value={consent.given_by} onChange={(x) => setConsent({ ...consent, given_by: x ?? 'person' })} error={E('consent.given_by')} />
        </SimpleGrid>
      </Paper>
      {duplicate && <Alert color="#a63a0a" title={t('svc.duplicate')} data-testid="duplicate">{duplicate}</Alert>}
      {formError && !duplicate && <Text c="red.8" role="alert">{formError}</Text>}
      <Group justify="flex-end"><Button onClick={save}>{t('svc.registerSave')}</Button></Group>
    </Stack>
  );
}
