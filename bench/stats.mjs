// Small statistics and formatting helpers shared by the bench rows.

/** The q-quantile (0..1) of the numbers, linearly interpolated; NaN for an empty list. */
export function quantile(values, q) {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
}

export const median = (values) => quantile(values, 0.5);
export const p95 = (values) => quantile(values, 0.95);

/** value / floor, or NaN when either is missing or the floor is zero. */
export function ratio(value, floor) {
  if (!Number.isFinite(value) || !Number.isFinite(floor) || floor === 0) return Number.NaN;
  return value / floor;
}

export const mb = (bytes) => (Number.isFinite(bytes) ? `${(bytes / 2 ** 20).toFixed(1)} MB` : 'n/a');
export const kb = (bytes) => (Number.isFinite(bytes) ? `${(bytes / 1024).toFixed(1)} KB` : 'n/a');
export const ms = (value) => (Number.isFinite(value) ? `${value.toFixed(value < 10 ? 1 : 0)} ms` : 'n/a');
export const perSecond = (value) => (Number.isFinite(value) ? `${Math.round(value).toLocaleString('en')}/s` : 'n/a');
export const times = (value) => (Number.isFinite(value) ? `${value.toFixed(2)}×` : '—');
