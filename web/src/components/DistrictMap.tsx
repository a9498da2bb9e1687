import { Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { DistrictCount, Unit } from '../api/registry';

interface Shape { id: string; d: string }

// The 37 second-level units from the bundled SVG (svg-maps / MapSVG, CC BY 4.0), coloured by a count.
async function loadShapes(): Promise<{ viewBox: string; shapes: Shape[] }> {
  const text = await fetch('/moldova-districts.svg').then((r) => r.text());
  const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
  const svg = doc.documentElement;
  const shapes = [...doc.querySelectorAll('path')].map((p) => ({ id: p.getAttribute('id') ?? '', d: p.getAttribute('d') ?? '' }));
  return { viewBox: svg.getAttribute('viewBox') ?? '0 0 613 769', shapes };
}

// Teal scale, light to dark; the darkest shades carry white focus outlines well.
const SCALE = ['#e6fcf5', '#96f2d7', '#38d9a9', '#0ca678', '#087f5b', '#05483a'];

export function DistrictMap({ counts, units }: { counts: DistrictCount[]; units: Unit[] }) {
  const { t } = useTranslation();
  const nav = useNavigate();
  const [measure, setMeasure] = useState<'organisations' | 'partnerships' | 'authorities'>('organisations');
  const shapes = useQuery({ queryKey: ['map-shapes'], queryFn: loadShapes, staleTime: Infinity });
  const bySvg = new Map(units.map((u) => [u.svg_id, u]));
  const byCode = new Map(counts.map((c) => [c.district, c]));
  const max = Math.max(1, ...counts.map((c) => c[measure]));
  const color = (n: number) => (n === 0 ? '#f1f3f5' : SCALE[Math.min(SCALE.length - 1, 1 + Math.floor(((n - 1) / max) * (SCALE.length - 1)))]);
  const go = (u: Unit) => nav(`/${measure === 'authorities' ? 'authorities' : measure === 'partnerships' ? 'partnerships' : 'organisations'}?district=${u.code}`);
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Text size="sm">{t('map.click')}</Text>
        <SegmentedControl size="xs" aria-label={t('map.measure')} value={measure} onChange={(v) => setMeasure(v as typeof measure)}
          data={(['organisations', 'partnerships', 'authorities'] as const).map((m) => ({ value: m, label: t(`map.${m}`) }))} />
      </Group>
      {shapes.data && (
        <svg viewBox={shapes.data.viewBox} role="group" aria-label={t('map.title')} style={{ width: '100%', maxHeight: 560 }} data-testid="district-map">
          {shapes.data.shapes.map((s) => {
            const u = bySvg.get(s.id);
            if (!u) return null;
            const c = byCode.get(u.code) ?? { organisations: 0, partnerships: 0, authorities: 0, district: u.code };
            const label = t('map.tooltip', { name: u.name, organisations: c.organisations, partnerships: c.partnerships });
            return (
              <path key={s.id} d={s.d} fill={color(c[measure])} stroke="#495057" strokeWidth={0.8} tabIndex={0} role="link"
                aria-label={label} data-district={u.code} data-value={c[measure]} style={{ cursor: 'pointer', outlineOffset: -2 }}
                onClick={() => go(u)} onKeyDown={(e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); go(u); } }}>
                <title>{label}</title>
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
