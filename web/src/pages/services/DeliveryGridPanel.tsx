import { Alert, Anchor, Button, Group, List, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMediaQuery } from '@mantine/hooks';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, ApiError } from '../../api/client';
import { localeOf, today } from '../../format';
import { isHoliday, isWeekend, isWorkingDay } from '../../calendar';
import { errorSentence, fieldErrorSentence } from '../../components/FormErrors';
import { useDeliveryGrid, type GridCell, type Service } from '../../api/services';
import { MonthField } from '../../components/DateField';

type Key = `${number}:${number}`;  // person_id:day

// A month of a service as people × days: type the units of each day, save the month in one request.
// The server refuses the whole month if one cell is wrong and names it; the cell turns red.
export function DeliveryGridPanel({ service, unit }: { service: Service; unit: string }) {
  const { t } = useTranslation();
  // On a phone the month is entered person by person, a day a line, with a thumb.
  const phone = useMediaQuery('(max-width: 48em)');
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
  const dayOf = (d: number) => `${month}-${String(d).padStart(2, '0')}`;
  const weekend = (d: number) => isWeekend(dayOf(d));
  const holiday = (d: number) => isHoliday(dayOf(d));
  const now = today();
  // A day after today has had no delivery yet: the server refuses it, so it cannot be typed.
  const future = (d: number) => dayOf(d) > now;
  const set = (k: Key, v: string) => { setSummary(''); setCells((m) => new Map(m).set(k, v)); setBad((b) => { const n = new Map(b); n.delete(k); return n; }); };
  const fillWeekdays = () => {
    if (!g) return;
    const m = new Map(cells);
    // Working days already come, within each person's enrolment: not weekends, holidays or the days ahead.
    for (const r of g.rows) for (const d of days) {
      if (d >= r.from_day && d <= r.to_day && isWorkingDay(dayOf(d)) && !future(d) && !m.get(`${r.person_id}:${d}`)) m.set(`${r.person_id}:${d}`, '1');
    }
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
        if (m && order[Number(m[1])]) b.set(order[Number(m[1])], t(`grid.err.${fe.code}`, { defaultValue: fieldErrorSentence(t, fe) }));
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
          <MonthField label={t('grid.month')} value={month} onChange={(d) => setMonth(d)} w={170} />
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
      {g && g.rows.length > 0 && phone && (
        <PersonDays rows={g.rows} days={days} dayOf={dayOf} cells={cells} bad={bad} future={future} set={set} />
      )}
      {g && g.rows.length > 0 && !phone && (
        <div style={{ overflowX: 'auto' }}>
          <table className="sp-grid" data-testid="delivery-grid">
            <thead>
              <tr><th scope="col">{t('svc.person')}</th>{days.map((d) => <th key={d} scope="col" className={holiday(d) ? 'hol' : weekend(d) ? 'we' : undefined} title={holiday(d) ? t('grid.holiday') : undefined}>{d}</th>)}<th scope="col">Σ</th></tr>
            </thead>
            <tbody>
              {g.rows.map((r) => (
                <tr key={r.person_id}>
                  <th scope="row"><Anchor component={Link} to={`/people/${r.person_id}`} ff="monospace" size="sm">{r.code}</Anchor></th>
                  {days.map((d) => {
                    const k: Key = `${r.person_id}:${d}`;
                    const off = d < r.from_day || d > r.to_day || (future(d) && !cells.get(k));
                    return (
                      <td key={d} className={[holiday(d) ? 'hol' : weekend(d) ? 'we' : '', bad.has(k) ? 'bad' : ''].join(' ')}>
                        <input aria-label={t('grid.cell', { code: r.code, day: d })} inputMode="numeric" pattern="[0-9]*" maxLength={2} disabled={off} value={off ? '' : cells.get(k) ?? ''}
                          aria-invalid={bad.has(k) || undefined} title={bad.get(k)} data-cell={`${r.code}:${d}`}
                          onChange={(e) => set(k, e.currentTarget.value.replace(/\D/g, ''))} />
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

// The phone's form of the grid: one person at a time, each day of their enrolment a line with the
// weekday, a holiday named, and a wide numeric field (44 px).
function PersonDays({ rows, days, dayOf, cells, bad, future, set }: {
  rows: { person_id: number; code: string; from_day: number; to_day: number }[]; days: number[]; dayOf: (d: number) => string;
  cells: Map<Key, string>; bad: Map<Key, string>; future: (d: number) => boolean; set: (k: Key, v: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const [person, setPerson] = useState<number>(rows[0].person_id);
  const r = rows.find((x) => x.person_id === person) ?? rows[0];
  const weekday = new Intl.DateTimeFormat(localeOf(i18n.language), { weekday: 'short', day: '2-digit', month: '2-digit', timeZone: 'UTC' });
  return (
    <Stack gap={6} data-testid="grid-person-days">
      <Select label={t('svc.person')} value={String(r.person_id)} onChange={(x) => x && setPerson(Number(x))} allowDeselect={false}
        data={rows.map((x) => ({ value: String(x.person_id), label: x.code }))} />
      {days.filter((d) => d >= r.from_day && d <= r.to_day).map((d) => {
        const k: Key = `${r.person_id}:${d}`;
        const day = dayOf(d);
        const off = future(d) && !cells.get(k);
        return (
          <Group key={d} justify="space-between" wrap="nowrap" className={isHoliday(day) ? 'day-hol' : isWeekend(day) ? 'day-we' : undefined} px="xs">
            <Text size="sm">{weekday.format(new Date(`${day}T12:00:00Z`))}{isHoliday(day) ? ` · ${t('grid.holiday')}` : ''}</Text>
            <input className={`day-input${bad.has(k) ? ' bad' : ''}`} aria-label={t('grid.cell', { code: r.code, day: d })} inputMode="numeric" pattern="[0-9]*"
              maxLength={2} disabled={off} value={off ? '' : cells.get(k) ?? ''} title={bad.get(k)} aria-invalid={bad.has(k) || undefined}
              onChange={(e) => set(k, e.currentTarget.value.replace(/\D/g, ''))} />
          </Group>
        );
      })}
    </Stack>
  );
}
