// Display formatting of the API's decimal strings: to a market's tick (prices) and lot (quantities), with
// digit grouping. Works on the strings themselves so no amount passes through a float.
import { Dec, placesOf } from './decimal.js';

/** "12345.6" with 2 places -> "12,345.60"; rounds half away from zero only when the value has more places. */
export function fixed(value, places) {
  const d = Dec.parse(value);
  if (d === null) return value === null || value === undefined ? '–' : String(value);
  const text = d.round(places, 'half').toString();
  const neg = text.startsWith('-');
  const [int, frac] = (neg ? text.slice(1) : text).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (neg ? '-' : '') + grouped + (frac !== undefined ? '.' + frac : '');
}

export const price = (value, market) => fixed(value, placesOf(market.tick_size));
export const quantity = (value, market) => fixed(value, placesOf(market.lot_size));

/** An amount of an asset as the API sent it (already at the asset's scale), grouped, trailing zeros kept. */
export function amount(value) {
  const d = Dec.parse(value);
  return d === null ? '–' : fixed(value, d.scale);
}

/** A rate such as "0.001" as "0.1 %". */
export function percentRate(rate) {
  const d = Dec.parse(rate);
  if (d === null) return '–';
  const text = d.mul(new Dec(100n, 0)).toString();
  return (text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text) + ' %';
}

/** A signed percentage such as change_percent_24h ("-1.234") with its sign and two places. */
export function signedPercent(value) {
  const d = Dec.parse(value);
  if (d === null) return '–';
  const text = fixed(value, 2);
  return (d.signum() > 0 ? '+' : '') + text + ' %';
}

export function time(iso) {
  if (!iso) return '–';
  const t = new Date(iso);
  return t.toLocaleTimeString(undefined, { hour12: false });
}

export function dateTime(iso) {
  if (!iso) return '–';
  const t = new Date(iso);
  return t.toLocaleString(undefined, { hour12: false });
}

export { placesOf };
