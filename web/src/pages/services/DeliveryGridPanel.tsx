import { Alert, Anchor, Button, Group, List, Paper, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, ApiError } from '../../api/client';
import { today } from '../../format';
import { errorSentence } from '../../components/FormErrors';
import { useDeliveryGrid, type GridCell, type Service } from '../../api/services';

type Key = `${number}:${number}`;  // person_id:day

// A month of a service as people × days: type the units of each day, save the month in one request.
// The server refuses the whole month if one cell is wrong and names it; the cell turns red.
export function DeliveryGridPanel({ service, unit }: { service: Service; unit: string }) {
  const { t } = useTranslation();
  const [month, setMonth] = useState(today().slice(0, 7));
  const q = useDeliveryGrid(service.id, month);
  // The month as saved (to keep a cell's mode, activity and staff when it is saved again), and as typed.
  const kept = useMemo(() => {
    const k = new Map<Key, GridCell>();
    for (const r of q.data?.rows ?? []) for (const c of r.cells) k.set(`${r.person_id}:${c.day}`, c);
    return k;
  }, [q.data]);
  const [cells, setCells] = useState<Map<Key, string>>(new Map());
  const [bad, setBad] = useState<Map<Key, string>>(new Map());
  const [saving, setSaving] = useState(false);
  const [summary, setSummary] = useState('');
  useEffect(() => {
    setCells(new Map([...kept].map(([k, c]) => [k, String(c.units)])));
    setBad(new Map());
  }, [kept]);
  useEffect(() => setSummary(''), [month]);
  const g = q.data;
  const days = useMemo(() => Array.from({ length: g?.days ?? 0 }, (_, i) => i + 1), [g]);
  const weekend = (d: number) => { const w = new Date(`${month}-${String(d).padStart(2, '0')}T12:00:00`).getDay(); return w === 0 || w === 6; };
  const set = (k: Key, v: string) => { setSummary(''); setCells((m) => new Map(m).set(k, v)); setBad((b) => { const n = new Map(b); n.delete(k); return n; }); };
  const fillWeekdays = () => {
    if (!g) return;
    const m = new Map(cells);
    for (const r of g.rows) for (const d of days) if (d >= r.from_day && d <= r.to_day && !weekend(d) && !m.get(`${r.person_id}:${d}`)) m.set(`${r.person_id}:${d}`, '1');
    setCells(m);
  };
  const save = async () => {
    if (!g) return;
    const order: Key[] = [];
    const body = [];
    for (const r of g.rows) for (const d of days) {
      const k: Key = `${r.person_id}:${d}`;
      const v = (cells.get(k) ?? '').trim();
      if (v === '' || v === '0') continue;
      const prev = kept.get(k);
      order.push(k);
      body.push({ person_id: r.person_id, day: d, units: /^\d+$/.test(v) ? Number(v) : v, ...(prev ? { mode: prev.mode, ...(prev.activity ? { activity: prev.activity } : {}), ...(prev.staff_id ? { staff_id: prev.staff_id } : {}) } : {}) });
    }
    setSaving(true);
    try {
      const r = await api<{ records: number; units: number }>('PUT', `/api/v1/services/${service.id}/deliveries`, { body: { month, cells: body }, version: g.version });
      setSummary(t('grid.saved', { records: r.records, units: r.units }));
      notifications.show({ color: 'teal', message: t('grid.saved', { records: r.records, units: r.units }) });
      q.refetch();
    } catch (e) {
      const b = new Map<Key, string>();
      if (e instanceof ApiError) for (const fe of e.problem.errors ?? []) {
        const m = /^cells\[(\d+)\]\.(\w+)$/.exec(fe.field);
        if (m && order[Number(m[1])]) b.set(order[Number(m[1])], t(`grid.err.${fe.code}`, { defaultValue: fe.message }));
      }
      setBad(b);
      notifications.show({ color: 'red', message: errorSentence(e, t), autoClose: 10000 });
    } finally { setSaving(false); }
  };
  const codeOf = new Map((g?.rows ?? []).map((r) => [r.person_id, r.code]));
  const total = (pid: number) => days.reduce((s, d) => s + (Number(cells.get(`${pid}:${d}`)) || 0), 0);
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4">{t('grid.title')} ({t(`svc_unit.${unit}`)})</Title>
        <Group>
          <TextInput type="month" aria-label={t('grid.month')} value={month} onChange={(e) => setMonth(e.currentTarget.value)} w={170} />
          <Button variant="default" onClick={fillWeekdays} disabled={!g?.rows.length}>{t('grid.fillWeekdays')}</Button>
          <Button onClick={save} loading={saving} disabled={!g?.rows.length}>{t('grid.save')}</Button>
        </Group>
      </Group>
      <Text size="sm" c="dimmed" mb="xs">{t('grid.help')}</Text>
      {bad.size > 0 && (
        <Alert color="red" title={t('grid.refused')} mb="xs" data-testid="grid-errors">
          <List size="sm">{[...bad.entries()].map(([k, msg]) => { const [p, d] = k.split(':'); return <List.Item key={k}>{t('grid.cell', { code: codeOf.get(Number(p)), day: d })}: {msg}</List.Item>; })}</List>
        </Alert>
      )}
      {summary && <Text size="sm" c="teal.9" mb="xs" role="status">{summary}</Text>}
      {g && g.rows.length === 0 && <Text>{t('grid.empty')}</Text>}
      {g && g.rows.length > 0 && (
        <div style={{ overflowX: 'auto' }}>
          <table className="sp-grid" data-testid="delivery-grid">
            <thead>
              <tr><th scope="col">{t('svc.person')}</th>{days.map((d) => <th key={d} scope="col" className={weekend(d) ? 'we' : undefined}>{d}</th>)}<th scope="col">Σ</th></tr>
            </thead>
            <tbody>
              {g.rows.map((r) => (
                <tr key={r.person_id}>
                  <th scope="row"><Anchor component={Link} to={`/people/${r.person_id}`} ff="monospace" size="sm">{r.code}</Anchor></th>
                  {days.map((d) => {
                    const k: Key = `${r.person_id}:${d}`;
                    const off = d < r.from_day || d > r.to_day;
                    return (
                      <td key={d} className={[weekend(d) ? 'we' : '', bad.has(k) ? 'bad' : ''].join(' ')}>
                        <input aria-label={t('grid.cell', { code: r.code, day: d })} inputMode="numeric" disabled={off} value={off ? '' : cells.get(k) ?? ''}
                          aria-invalid={bad.has(k) || undefined} title={bad.get(k)} data-cell={`${r.code}:${d}`}
                          onChange={(e) => set(k, e.currentTarget.value)} />
                      </td>
                    );
                  })}
                  <td className="sum">{total(r.person_id)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Paper>
  );
}
