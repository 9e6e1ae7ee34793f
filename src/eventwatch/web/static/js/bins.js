// Timeline bins: days for a range up to four months, weeks (from Monday) up to two years,
// months beyond, so a long range draws readable bars instead of one-pixel ones.
const DAY = 86400;
export const WEEKS_AFTER_DAYS = 120; // ~120 day bars fit a 1000-pixel chart at 8 px each
export const MONTHS_AFTER_DAYS = 730; // two years of weeks is ~105 bars; more become months

const seconds = (row) => Date.parse(`${row.date}T00:00:00Z`) / 1000;

export function unitFor(rows) {
  const days = rows.map(seconds).filter(Number.isFinite);
  const span = (Math.max(...days) - Math.min(...days)) / DAY;
  if (span > MONTHS_AFTER_DAYS) return "month";
  return span > WEEKS_AFTER_DAYS ? "week" : "day";
}

// The start (seconds, UTC midnight) of the bin holding day `t`.
export function binStart(t, unit) {
  const d = new Date(t * 1000);
  if (unit === "week") return t - ((d.getUTCDay() + 6) % 7) * DAY;
  if (unit === "month") return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / 1000;
  return t;
}

function step(t, unit, n) {
  if (unit === "week") return t + n * 7 * DAY;
  if (unit === "month") {
    const d = new Date(t * 1000);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1) / 1000;
  }
  return t + n * DAY;
}

// Every bin start from one bin before the first row to one after the last.
export function binRange(rows, unit) {
  const starts = rows.map((row) => binStart(seconds(row), unit)).filter(Number.isFinite);
  const last = step(Math.max(...starts), unit, 1);
  const range = [];
  for (let t = step(Math.min(...starts), unit, -1); t <= last; t = step(t, unit, 1)) range.push(t);
  return range;
}

export const binOf = (row, unit) => binStart(seconds(row), unit);
