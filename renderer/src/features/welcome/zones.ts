/** Every IANA zone the runtime knows, with its offset right now ("UTC+09:00"). */
export interface ZoneChoice {
  zone: string;
  offset: string;
  /** "Asia/Tokyo" → "asia tokyo", for searching with spaces or slashes. */
  search: string;
}

function offsetOf(zone: string, at: Date): string {
  try {
    const part = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      timeZoneName: 'longOffset',
    })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName');
    const raw = part?.value ?? 'GMT';
    return raw === 'GMT' ? 'UTC+00:00' : raw.replace('GMT', 'UTC');
  } catch {
    return '';
  }
}

export function allZones(at: Date): ZoneChoice[] {
  const names = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['UTC'];
  const list = names.includes('UTC') ? names : ['UTC', ...names];
  return list.map((zone) => ({
    zone,
    offset: offsetOf(zone, at),
    search: `${zone} ${offsetOf(zone, at)}`.toLowerCase().replace(/[/_]/g, ' '),
  }));
}

/** The zones matching every word typed ("new york", "tokyo", "utc+01"). */
export function filterZones(zones: ZoneChoice[], query: string): ZoneChoice[] {
  const words = query.toLowerCase().replace(/[/_]/g, ' ').split(/\s+/).filter(Boolean);
  if (!words.length) return zones;
  return zones.filter((z) => words.every((w) => z.search.includes(w)));
}
