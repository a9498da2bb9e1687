import { Select } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { get, qs } from '../../api/client';
import { useDistricts, type Page } from '../../api/registry';

// Searchable choice of an organisation or authority: options are fetched as the user types.
export function EntityPicker({ kind, value, name, label, error, disabled, onChange }: {
  kind: 'organisations' | 'authorities'; value: number | null; name?: string; label: string; error?: string; disabled?: boolean;
  onChange: (id: number | null, name: string) => void;
}) {
  const [search, setSearch] = useState('');
  const q = useQuery({
    queryKey: ['picker', kind, search],
    queryFn: () => get<Page<{ id: number; name: string; district?: string | null }>>(`/api/v1/${kind}${qs({ q: search, limit: 20, status: 'active' })}`),
  });
  // The chosen entity's name, when the caller does not know it and it is not among the search results.
  const chosen = useQuery({
    queryKey: ['picker-one', kind, value],
    queryFn: () => get<{ id: number; name: string }>(`/api/v1/${kind}/${value}`),
    enabled: !!value && !name,
    staleTime: Infinity,
  });
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
