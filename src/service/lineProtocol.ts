/**
 * InfluxDB line protocol (1.x, also accepted by 2.x/3.x): `measurement,tag=v field=1.5 <time>`.
 * Escaping per the protocol: measurement `,` and space; tag keys, tag values and field keys
 * `,` `=` and space; string field values `"` and `\`. Empty tag values are left out (InfluxDB
 * refuses them), so are non-finite numbers (the protocol has no NaN) and null fields.
 */

export type FieldValue = number | string | boolean | null | undefined;

export interface Point {
  measurement: string;
  tags: Record<string, string>;
  fields: Record<string, FieldValue>;
  /** Epoch milliseconds (written with precision=ms). */
  time: number;
}

// Line breaks end a line in the protocol: they become spaces.
const oneLine = (s: string): string => s.replace(/[\r\n]/g, ' ');
const escapeMeasurement = (s: string): string => oneLine(s).replace(/[, ]/g, (c) => `\\${c}`);
const escapeKey = (s: string): string => oneLine(s).replace(/[,= ]/g, (c) => `\\${c}`);
const escapeString = (s: string): string => s.replace(/["\\]/g, (c) => `\\${c}`);

function fieldText(v: FieldValue): string | null {
  if (v === null || v === undefined) {
    return null;
  }
  if (typeof v === 'number') {
    // Always a float (no `i` suffix): a field keeps one type for ever in a shard.
    return Number.isFinite(v) ? String(v) : null;
  }
  if (typeof v === 'boolean') {
    return v ? 'true' : 'false';
  }
  return `"${escapeString(v)}"`;
}

/** Rendered `measurement,tags` prefixes per tag object: a series' points share one tag object. */
const prefixes = new WeakMap<Record<string, string>, Map<string, string>>();

function prefixOf(measurement: string, tags: Record<string, string>): string {
  let byMeasurement = prefixes.get(tags);
  if (!byMeasurement) {
    byMeasurement = new Map();
    prefixes.set(tags, byMeasurement);
  }
  let prefix = byMeasurement.get(measurement);
  if (prefix === undefined) {
    const tagText = Object.keys(tags)
      .filter((k) => tags[k] !== '')
      .sort()
      .map((k) => `,${escapeKey(k)}=${escapeKey(tags[k])}`)
      .join('');
    prefix = `${escapeMeasurement(measurement)}${tagText}`;
    byMeasurement.set(measurement, prefix);
  }
  return prefix;
}

/**
 * One line, or null when the point has no field left to write. Tags are sorted (as InfluxDB
 * stores them). Points that share their tags object share its rendering (tags must not change).
 */
export function toLine(p: Point): string | null {
  let fields = '';
  for (const k in p.fields) {
    const text = fieldText(p.fields[k]);
    if (text !== null) {
      fields += `${fields === '' ? '' : ','}${escapeKey(k)}=${text}`;
    }
  }
  if (fields === '') {
    return null;
  }
  return `${prefixOf(p.measurement, p.tags)} ${fields} ${Math.round(p.time)}`;
}
