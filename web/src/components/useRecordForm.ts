import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifications } from '@mantine/notifications';
import { ApiError } from '../api/client';
import { errorSentence, fieldErrors } from './FormErrors';

type Rec = Record<string, unknown>;
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export interface Conflict { base: Rec; latest: Rec; mine: Rec }

// Edit state for one record: the version it was loaded at (base), the user's values, the server's
// field errors, and a stale-edit conflict when someone saved first (412). Only changed fields are sent.
export function useRecordForm<T extends { version: number }>(opts: {
  base: T | null;               // null: creating a new record
  empty: Rec;                   // initial values for a new record
  create: (values: Rec) => Promise<T>;
  update: (changes: Rec, version: number) => Promise<T>;
  fetchLatest: () => Promise<T>;
  onSaved: (saved: T) => void;
}) {
  const { t } = useTranslation();
  const [base, setBase] = useState<Rec | null>(opts.base as Rec | null);
  const [values, setValues] = useState<Rec>((opts.base as Rec | null) ?? opts.empty);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [conflict, setConflict] = useState<Conflict | null>(null);

  const set = (field: string, value: unknown) => {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors((e) => { const { [field]: _, ...rest } = e; return rest; });
  };
  const changes = (): Rec => {
    if (!base) return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== '' && v !== null && v !== undefined));
    return Object.fromEntries(Object.entries(values).filter(([k, v]) => !same(v, base[k])));
  };
  const accept = (saved: T) => { setBase(saved as Rec); setValues(saved as Rec); setErrors({}); setFormError(null); };

  const submit = async () => {
    setSaving(true); setFormError(null);
    try {
      const saved = base ? await opts.update(changes(), base.version as number) : await opts.create(changes());
      accept(saved);
      notifications.show({ color: 'teal', message: t('common.saved') });
      opts.onSaved(saved);
    } catch (e) {
      if (e instanceof ApiError && e.status === 412 && base) {
        const latest = (await opts.fetchLatest()) as Rec;
        setConflict({ base, latest, mine: values });
      } else {
        setErrors(fieldErrors(e, t));
        setFormError(errorSentence(e, t));
      }
    } finally { setSaving(false); }
  };
  // Discard my values: continue from the latest version.
  const reload = () => { if (conflict) accept(conflict.latest as T); setConflict(null); };
  // Keep my values, now based on the latest version: saving again applies them over it (a choice, not silent).
  const keepMine = () => {
    if (!conflict) return;
    const mineChanged = Object.fromEntries(Object.entries(conflict.mine).filter(([k, v]) => !same(v, conflict.base[k])));
    setBase(conflict.latest);
    setValues({ ...conflict.latest, ...mineChanged });
    setConflict(null);
  };
  return { values, set, errors, formError, saving, submit, conflict, reload, keepMine, closeConflict: () => setConflict(null), isNew: !base };
}
