import { Select } from '@mantine/core';
import { useState } from 'react';
import { useDistricts, useAuthorities, useAuthority, useOrganisation, useOrganisations } from '../../api/registry';

// Searchable choice of an organisation or authority: options are fetched as the user types.
export function EntityPicker({ kind, value, name, label, error, disabled, onChange }: {
  kind: 'organisations' | 'authorities'; value: number | null; name?: string; label: string; error?: string; disabled?: boolean;
  onChange: (id: number | null, name: string) => void;
}) {
  const [search, setSearch] = useState('');
  const search20 = { q: search, limit: 20, status: 'active' };
  const orgs = useOrganisations(search20, kind === 'organisations');
  const authorities = useAuthorities(search20, kind === 'authorities');
  const q = kind === 'organisations' ? orgs : authorities;
  // The chosen entity's name, when the caller does not know it and it is not among the search results.
  const chosenOrg = useOrganisation(value ?? undefined, kind === 'organisations' && !!value && !name);
  const chosenAuthority = useAuthority(value ?? undefined, kind === 'authorities' && !!value && !name);
  const chosen = kind === 'organisations' ? chosenOrg : chosenAuthority;
  // Names repeat across districts (there is more than one "Primăria satului Vatra"): the list shows the
  // district beside each name. The label stays the bare name, so the search text stays stable once chosen.
  const districts = useDistricts();
  const districtOf = new Map((q.data?.items ?? []).map((o) => [String(o.id), districts.data?.find((d) => d.code === o.district)?.name]));
  const options = (q.data?.items ?? []).map((o) => ({ value: String(o.id), label: o.name }));
  if (value && !options.some((o) => o.value === String(value)))
    options.unshift({ value: String(value), label: name || chosen.data?.name || '…' });
  return (
    <Select label={label} searchable value={value ? String(value) : null} data={options} error={error} disabled={disabled}
      onSearchChange={setSearch} filter={({ options: o }) => o} nothingFoundMessage="—"
      renderOption={({ option }) => (districtOf.get(option.value) ? `${option.label} (${districtOf.get(option.value)})` : option.label)}
      onChange={(v) => onChange(v ? Number(v) : null, options.find((o) => o.value === v)?.label ?? '')} />
  );
}
