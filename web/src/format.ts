// How numbers, money, shares and dates read, in one place: every page formats through here, in the
// user's language (Romanian by default), with Moldova's calendar day.
import { useTranslation } from 'react-i18next';

export const localeOf = (lang: string) => (lang === 'ru' ? 'ru-MD' : lang === 'en' ? 'en-GB' : 'ro-MD');

// Amounts travel as integers in minor units (bani, cents).
export function formatMoney(minor: number | null | undefined, currency: string, lang: string): string {
  if (minor === null || minor === undefined) return '—';
  return new Intl.NumberFormat(localeOf(lang), { style: 'currency', currency, currencyDisplay: 'code', maximumFractionDigits: 2 }).format(minor / 100);
}
export const formatNumber = (n: number | null | undefined, lang: string, fractionDigits = 2) =>
  n === null || n === undefined ? '—' : n.toLocaleString(localeOf(lang), { maximumFractionDigits: fractionDigits });
// Shares travel in basis points (1/100 of a percent).
export const formatPercent = (bp: number, lang = 'ro') => `${formatNumber(bp / 100, lang)}%`;
// Scores travel in hundredths of a point (averages keep two decimals).
export const formatPoints = (hundredths: number | null | undefined) =>
  hundredths === null || hundredths === undefined ? '—' : (hundredths / 100).toFixed(2);
// A calendar day "YYYY-MM-DD" as the language writes it (ro: 01.12.2026); a timestamp by its Chisinau day.
export function formatDate(iso: string | null | undefined, lang: string): string {
  if (!iso) return '—';
  const day = iso.length > 10 ? new Date(iso).toLocaleDateString('sv-SE', { timeZone: 'Europe/Chisinau' }) : iso;
  const [y, m, d] = day.split('-').map(Number);
  return new Intl.DateTimeFormat(localeOf(lang), { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, d));
}

// An instant as Chisinau's clock shows it: the day as above and the time (02.12.2026 14:05).
export function formatDateTime(iso: string | null | undefined, lang: string): string {
  if (!iso) return '—';
  const d = new Date(iso);
  const day = formatDate(d.toLocaleDateString('sv-SE', { timeZone: 'Europe/Chisinau' }), lang);
  const time = d.toLocaleTimeString('en-GB', { timeZone: 'Europe/Chisinau', hour: '2-digit', minute: '2-digit', hour12: false });
  return `${day} ${time}`;
}

// A month "YYYY-MM" in words: long "octombrie 2026", short "oct. 2026".
export function formatMonth(ym: string | null | undefined, lang: string, style: 'long' | 'short' = 'long'): string {
  if (!ym) return '—';
  const [y, m] = ym.split('-').map(Number);
  return new Intl.DateTimeFormat(localeOf(lang), { month: style, year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, 1));
}

// Today in Moldova ("YYYY-MM-DD"), as the server's clock reads it (common/time.hpp).
export const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Chisinau' });
// An instant ("…Z") as a deadline field holds it: Chisinau's "YYYY-MM-DDTHH:mm" ('' for none).
export const chisinauInput = (iso: string | null | undefined) =>
  (iso ? new Date(iso).toLocaleString('sv-SE', { timeZone: 'Europe/Chisinau', hour12: false }).replace(' ', 'T').slice(0, 16) : '');
// What a person types as an amount ("1 250,50" or "1250.5") into minor units.
export const toMinor = (v: string | number | undefined | null) => Math.round(Number(String(v ?? 0).replace(/\s/g, '').replace(',', '.') || 0) * 100);

// The formatters bound to the user's language.
export function useFormat() {
  const { i18n } = useTranslation();
  const lang = i18n.language;
  return {
    money: (minor: number | null | undefined, currency: string) => formatMoney(minor, currency, lang),
    number: (n: number | null | undefined, fractionDigits?: number) => formatNumber(n, lang, fractionDigits),
    percent: (bp: number) => formatPercent(bp, lang),
    date: (iso: string | null | undefined) => formatDate(iso, lang),
    dateTime: (iso: string | null | undefined) => formatDateTime(iso, lang),
    month: (ym: string | null | undefined, style: 'long' | 'short' = 'long') => formatMonth(ym, lang, style),
  };
}
