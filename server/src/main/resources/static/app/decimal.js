// Exact decimal arithmetic on strings for previews (fee, total): BigInt units and a scale, never a float.
// The API sends decimals as strings; the server stays the authority on every amount.

const PATTERN = /^\s*(-)?(\d*)(?:\.(\d*))?\s*$/;

export class Dec {
  constructor(units, scale) {
    this.units = units; // BigInt: value = units / 10^scale
    this.scale = scale;
  }

  /** @returns {Dec|null} null when the text is not a plain decimal number */
  static parse(text) {
    if (text === null || text === undefined) return null;
    const m = PATTERN.exec(String(text));
    if (!m || (m[2] === '' && (m[3] === undefined || m[3] === ''))) return null;
    const frac = m[3] || '';
    const units = BigInt((m[2] || '0') + frac) * (m[1] ? -1n : 1n);
    return new Dec(units, frac.length);
  }

  static zero() {
    return new Dec(0n, 0);
  }

  withScale(scale) {
    if (scale >= this.scale) return new Dec(this.units * 10n ** BigInt(scale - this.scale), scale);
    return this.round(scale, 'half');
  }

  add(other) {
    const s = Math.max(this.scale, other.scale);
    return new Dec(this.withScale(s).units + other.withScale(s).units, s);
  }

  sub(other) {
    return this.add(new Dec(-other.units, other.scale));
  }

  mul(other) {
    return new Dec(this.units * other.units, this.scale + other.scale);
  }

  cmp(other) {
    const s = Math.max(this.scale, other.scale);
    const a = this.withScale(s).units;
    const b = other.withScale(s).units;
    return a < b ? -1 : a > b ? 1 : 0;
  }

  signum() {
    return this.units < 0n ? -1 : this.units > 0n ? 1 : 0;
  }

  /** mode: 'down' (towards zero), 'up' (away from zero), 'half' (half away from zero) */
  round(scale, mode = 'half') {
    if (scale >= this.scale) return this.withScale(scale);
    const div = 10n ** BigInt(this.scale - scale);
    const neg = this.units < 0n;
    const abs = neg ? -this.units : this.units;
    let q = abs / div;
    const r = abs % div;
    if (r !== 0n && (mode === 'up' || (mode === 'half' && r * 2n >= div))) q += 1n;
    return new Dec(neg ? -q : q, scale);
  }

  /** true when this is a whole multiple of step (step > 0) */
  isMultipleOf(step) {
    const s = Math.max(this.scale, step.scale);
    return step.units !== 0n && this.withScale(s).units % step.withScale(s).units === 0n;
  }

  toString() {
    const neg = this.units < 0n;
    let digits = (neg ? -this.units : this.units).toString();
    if (this.scale === 0) return (neg ? '-' : '') + digits;
    digits = digits.padStart(this.scale + 1, '0');
    return (neg ? '-' : '') + digits.slice(0, -this.scale) + '.' + digits.slice(-this.scale);
  }
}

/** Decimal places of a step such as a tick or lot size: "0.01" -> 2, "1" -> 0, "0.00100" -> 3. */
export function placesOf(step) {
  const text = String(step);
  const dot = text.indexOf('.');
  if (dot < 0) return 0;
  return text.slice(dot + 1).replace(/0+$/, '').length;
}
