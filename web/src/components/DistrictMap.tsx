import { Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDistrictShapes, type Unit } from '../api/registry';

// Teal scale, light to dark; the darkest shades carry white focus outlines well.
const SCALE = ['#e6fcf5', '#96f2d7', '#38d9a9', '#0ca678', '#087f5b', '#05483a'];

export interface MapMeasure { key: string; label: string }

// The map of districts, each coloured by the chosen measure's value; a district opens `onSelect`.
export function DistrictMap({ units, measures, value, tooltip, onSelect, label, hint }: {
  units: Unit[];
  measures: MapMeasure[];
  value: (district: string, measure: string) => number;
  tooltip: (unit: Unit, measure: string) => string;
  onSelect?: (unit: Unit, measure: string) => void;
  label: string;
  hint?: string;  // what a click on a district does
}) {
  const { t } = useTranslation();
  const [measure, setMeasure] = useState(measures[0].key);
  const shapes = useDistrictShapes();
  const bySvg = new Map(units.map((u) => [u.svg_id, u]));
  const max = Math.max(1, ...units.map((u) => value(u.code, measure)));
  const color = (n: number) => (n === 0 ? '#f1f3f5' : SCALE[Math.min(SCALE.length - 1, 1 + Math.floor(((n - 1) / max) * (SCALE.length - 1)))]);
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Text size="sm">{hint ?? ''}</Text>
        {measures.length > 1 && (
          <SegmentedControl size="xs" aria-label={t('map.measure')} value={measure} onChange={setMeasure}
            data={measures.map((m) => ({ value: m.key, label: m.label }))} />
        )}
      </Group>
      {shapes.data && (
        <svg viewBox={shapes.data.viewBox} role="group" aria-label={label} style={{ width: '100%', maxHeight: 560 }} data-testid="district-map">
          {shapes.data.shapes.map((s) => {
            const u = bySvg.get(s.id);
            if (!u) return null;
            const v = value(u.code, measure);
            const text = tooltip(u, measure);
            const select = onSelect ? () => onSelect(u, measure) : undefined;
            return (
              <path key={s.id} d={s.d} fill={color(v)} stroke="#495057" strokeWidth={0.8} tabIndex={select ? 0 : undefined} role={select ? 'link' : 'img'}
                aria-label={text} data-district={u.code} data-value={v} style={{ cursor: select ? 'pointer' : 'default', outlineOffset: -2 }}
                onClick={select} onKeyDown={(e) => { if (select && (e.key === 'Enter' || e.key === ' ')) { e.preventDefault(); select(); } }}>
                <title>{text}</title>
              </path>
            );
          })}
        </svg>
      )}
      <Group gap={4} aria-hidden>
        <Text size="xs">0</Text>
        {SCALE.map((c) => <div key={c} style={{ width: 24, height: 10, background: c, border: '1px solid #ced4da' }} />)}
        <Text size="xs">{max}</Text>
      </Group>
      <Text size="xs" c="dimmed">{t('map.credit')}</Text>
    </Stack>
  );
}
