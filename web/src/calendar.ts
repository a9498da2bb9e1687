// Moldova's working calendar (Labour Code, art. 111): the days off besides weekends. The month grid
// fills working days only, and shows holidays apart. Movable feasts follow the Orthodox Easter.
const FIXED = ['01-01', '01-07', '01-08', '03-08', '05-01', '05-09', '06-01', '08-27', '08-31', '12-25'];

const iso = (d: Date) => d.toISOString().slice(0, 10);

// Orthodox Easter Sunday of a year (Meeus' Julian computus, moved to the Gregorian calendar).
export function orthodoxEaster(year: number): string {
  const a = year % 4, b = year % 7, c = year % 19;
  const d = (19 * c + 15) % 30;
  const e = (2 * a + 4 * b - d + 34) % 7;
  const month = Math.floor((d + e + 114) / 31);
  const day = ((d + e + 114) % 31) + 1;
  const julianToGregorian = year >= 2100 ? 14 : 13;
  return iso(new Date(Date.UTC(year, month - 1, day + julianToGregorian)));
}

const cache = new Map<number, Set<string>>();
// The public holidays of a year as "YYYY-MM-DD": the fixed ones, Easter Sunday and Monday, and the
// Memorial Easter (Paștele Blajinilor, the Monday a week after Easter).
export function publicHolidays(year: number): Set<string> {
  let s = cache.get(year);
  if (s) return s;
  const easter = new Date(`${orthodoxEaster(year)}T00:00:00Z`);
  const plus = (n: number) => iso(new Date(easter.getTime() + n * 86400000));
  s = new Set([...FIXED.map((md) => `${year}-${md}`), plus(0), plus(1), plus(8)]);
  cache.set(year, s);
  return s;
}

export const isHoliday = (day: string) => publicHolidays(Number(day.slice(0, 4))).has(day);
export const isWeekend = (day: string) => { const w = new Date(`${day}T12:00:00Z`).getUTCDay(); return w === 0 || w === 6; };
export const isWorkingDay = (day: string) => !isWeekend(day) && !isHoliday(day);
