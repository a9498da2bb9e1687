import { Group } from '@mantine/core';
import { DateInput, DatesProvider, MonthPickerInput, TimeInput, type DateInputProps } from '@mantine/dates';
import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import 'dayjs/locale/ro';
import 'dayjs/locale/ru';
import 'dayjs/locale/en-gb';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

dayjs.extend(customParseFormat);

// Dates as people in Moldova write them (dd.mm.yyyy, issue 12), in pickers that speak the page's
// language, the week starting on Monday. Values travel as the API's "YYYY-MM-DD" (and times as
// Chisinau's "YYYY-MM-DDTHH:mm"); what is typed is read in either form.
const LOCALE: Record<string, string> = { ro: 'ro', ru: 'ru', en: 'en-gb' };
export function DatesLocale({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  return <DatesProvider settings={{ locale: LOCALE[i18n.language] ?? 'ro', firstDayOfWeek: 1 }}>{children}</DatesProvider>;
}

export const DATE_FORMAT = 'DD.MM.YYYY';
function parseDay(text: string): string | null {
  const s = text.trim();
  for (const f of [DATE_FORMAT, 'D.M.YYYY', 'YYYY-MM-DD']) {
    const d = dayjs(s, f, true);
    if (d.isValid()) return d.format('YYYY-MM-DD');
  }
  return null;
}

type Common = Omit<DateInputProps, 'value' | 'onChange' | 'valueFormat' | 'dateParser'>;

// A calendar day: value and onChange in "YYYY-MM-DD" ('' for none).
export function DateField({ value, onChange, ...rest }: Common & { value: string | null | undefined; onChange: (iso: string) => void }) {
  const { t } = useTranslation();
  return (
    <DateInput valueFormat={DATE_FORMAT} dateParser={parseDay} placeholder={t('common.datePlaceholder')} clearable={!rest.required}
      clearButtonProps={{ 'aria-label': t('common.clear') }}
      value={value || null} onChange={(d) => onChange(d ? String(d).slice(0, 10) : '')} {...rest} />
  );
}

// A day and a time in Chisinau: "YYYY-MM-DDTHH:mm" as the call forms send it. The day typed or picked
// as above, the time typed (HH:mm), each named for screen readers.
export function DateTimeField({ value, onChange, label, required, error }: { value: string; onChange: (v: string) => void; label: string; required?: boolean; error?: ReactNode }) {
  const { t } = useTranslation();
  const [day, time] = value ? [value.slice(0, 10), value.slice(11, 16)] : ['', ''];
  const join = (d: string, h: string) => onChange(d ? `${d}T${h || '00:00'}` : '');
  return (
    <Group gap="xs" align="flex-start" wrap="nowrap">
      <DateField label={label} required={required} error={error} value={day} onChange={(d) => join(d, time)} style={{ flex: 1 }} />
      <TimeInput label={t('common.time')} aria-label={`${label}: ${t('common.time')}`} required={required} value={time} w={110}
        onChange={(e) => join(day, e.currentTarget.value)} />
    </Group>
  );
}

// A month: value and onChange in "YYYY-MM".
export function MonthField({ value, onChange, label, w }: { value: string; onChange: (v: string) => void; label: string; w?: number }) {
  return (
    <MonthPickerInput aria-label={label} valueFormat="MMMM YYYY" value={value ? `${value}-01` : null} w={w}
      onChange={(d) => d && onChange(String(d).slice(0, 7))} />
  );
}
