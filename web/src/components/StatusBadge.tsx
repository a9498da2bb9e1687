import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { STATUS_COLOR } from '../api/grants';

// A state shown as a filled badge (white text on a dark colour: readable, AA contrast), its label translated.
export function StatusBadge({ group, value }: { group: string; value: string | null | undefined }) {
  const { t } = useTranslation();
  if (!value) return <>—</>;
  return <Badge variant="filled" color={STATUS_COLOR[value] ?? 'gray.7'} data-status={value}>{t(`${group}.${value}`)}</Badge>;
}
