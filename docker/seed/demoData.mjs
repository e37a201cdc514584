// GENERATED from tests/support/demoData.ts by esbuild (see docker/seed/README.md). Do not edit.
const DEMO_STEP_MS = 5 * 60 * 1e3;
const HOUR_MS = 3600 * 1e3;
const DAY_MS = 24 * HOUR_MS;
const DEMO_DEFAULT_DAYS = 30;
const DEMO_DEFAULT_SEED = 20240101;
const DISK_HOSTS = [
  {
    host: "web1",
    segments: [
      { fromDaysBeforeEnd: 30, startValue: 42, slopePerDay: 0.5 },
      { fromDaysBeforeEnd: 21, startValue: 35, slopePerDay: 0.9 },
      { fromDaysBeforeEnd: 12.5, startValue: 38, slopePerDay: 1.2 }
    ],
    noiseSd: 0.15,
    gaps: [],
    spikes: []
  },
  {
    host: "web2",
    segments: [{ fromDaysBeforeEnd: 30, startValue: 60, slopePerDay: 0.2 }],
    noiseSd: 0.15,
    gaps: [{ startHoursBeforeEnd: 10 * 24 - 6, hours: 6 }],
    spikes: [{ minutesBeforeEnd: Math.round(9.25 * 24 * 60), add: 25 }]
  },
  {
    host: "db1",
    segments: [
      { fromDaysBeforeEnd: 30, startValue: 50, slopePerDay: 0.6 },
      { fromDaysBeforeEnd: 18, startValue: 45, slopePerDay: 1.8 }
    ],
    // Application logs rotated at 03:00 UTC, and a day/night swing of temporary files.
    cycle: { swing: 0.8, swingPeakHourUtc: 15, sawtooth: 2, rotationHourUtc: 3 },
    noiseSd: 0.15,
    gaps: [{ startHoursBeforeEnd: 4 * 24, hours: 3 }],
    spikes: []
  },
  {
    host: "cache1",
    segments: [{ fromDaysBeforeEnd: 30, startValue: 41.5, slopePerDay: -0.05 }],
    noiseSd: 0.15,
    gaps: [],
    spikes: []
  }
];
const CPU_HOSTS = [
  {
    host: "web1",
    base: 30,
    dailyAmplitude: 15,
    growthPerDay: 0.1,
    noiseSd: 3,
    gaps: [{ startHoursBeforeEnd: 50, hours: 2 }]
  },
  { host: "web2", base: 30, dailyAmplitude: 10, growthPerDay: 0.1, noiseSd: 3, gaps: [] },
  { host: "db1", base: 45, dailyAmplitude: 20, growthPerDay: 0.1, noiseSd: 3, gaps: [] }
];
const CPU_PEAK_HOUR_UTC = 14;
const CPU_WEEKEND_FACTOR = 0.7;
const RANDOM_DROP_RATE = 2e-3;
function resolveDemoOptions(opts = {}) {
  const end = Math.floor((opts.end ?? Date.now()) / HOUR_MS) * HOUR_MS;
  const days = opts.days ?? DEMO_DEFAULT_DAYS;
  return { end, start: end - days * DAY_MS, days, seed: opts.seed ?? DEMO_DEFAULT_SEED, stepMs: DEMO_STEP_MS };
}
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = a + 1831565813 >>> 0;
    let t = Math.imul(a ^ a >>> 15, 1 | a);
    t = t + Math.imul(t ^ t >>> 7, 61 | t) ^ t;
    return ((t ^ t >>> 14) >>> 0) / 4294967296;
  };
}
function fnv1a(text) {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}
function normalSource(uniform) {
  return () => {
    const u1 = 1 - uniform();
    const u2 = uniform();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  };
}
function round4(x) {
  return Math.round(x * 1e4) / 1e4;
}
function gapRanges(gaps, end) {
  return gaps.map((g) => ({
    from: end - g.startHoursBeforeEnd * HOUR_MS,
    to: end - (g.startHoursBeforeEnd - g.hours) * HOUR_MS
  }));
}
function diskSpec(host) {
  const spec = DISK_HOSTS.find((h) => h.host === host);
  if (spec === void 0) {
    throw new Error(`unknown demo disk host ${host}`);
  }
  return spec;
}
function cpuSpec(host) {
  const spec = CPU_HOSTS.find((h) => h.host === host);
  if (spec === void 0) {
    throw new Error(`unknown demo cpu host ${host}`);
  }
  return spec;
}
const DEMO_DISK_HOSTS = DISK_HOSTS.map((h) => h.host);
const DEMO_CPU_HOSTS = CPU_HOSTS.map((h) => h.host);
function diskModelAt(host, t, end) {
  return diskTrendAt(host, t, end) + diskCycleAt(host, t);
}
function diskTrendAt(host, t, end) {
  const segs = diskSpec(host).segments;
  let seg = segs[0];
  for (const s of segs) {
    if (t >= end - s.fromDaysBeforeEnd * DAY_MS) {
      seg = s;
    }
  }
  const segStart = end - seg.fromDaysBeforeEnd * DAY_MS;
  return seg.startValue + seg.slopePerDay * (t - segStart) / DAY_MS;
}
function diskCycleAt(host, t) {
  const c = diskSpec(host).cycle;
  if (!c) {
    return 0;
  }
  const hourOfDay = (t % DAY_MS + DAY_MS) % DAY_MS / HOUR_MS;
  const swing = c.swing * Math.cos(2 * Math.PI * (hourOfDay - c.swingPeakHourUtc) / 24);
  const sinceRotation = ((hourOfDay - c.rotationHourUtc) % 24 + 24) % 24;
  return swing + c.sawtooth * (sinceRotation / 24 - 0.5);
}
function cpuModelAt(host, t, end) {
  const spec = cpuSpec(host);
  const hourOfDay = (t % DAY_MS + DAY_MS) % DAY_MS / HOUR_MS;
  const daily = spec.dailyAmplitude * Math.cos(2 * Math.PI * (hourOfDay - CPU_PEAK_HOUR_UTC) / 24);
  const weekday = new Date(t).getUTCDay();
  const weekly = weekday === 0 || weekday === 6 ? CPU_WEEKEND_FACTOR : 1;
  const v = (spec.base + spec.growthPerDay * (t - end) / DAY_MS + daily) * weekly;
  return Math.min(100, Math.max(0, v));
}
function demoTruth(opts = {}) {
  const o = resolveDemoOptions(opts);
  const disk = DISK_HOSTS.map((spec) => {
    const last = spec.segments[spec.segments.length - 1];
    const lastSegmentStart = Math.max(o.start, o.end - last.fromDaysBeforeEnd * DAY_MS);
    const levelAtEnd = diskTrendAt(spec.host, o.end, o.end);
    const slopePerMs = last.slopePerDay / DAY_MS;
    const reach = (level) => slopePerMs > 0 && levelAtEnd < level ? o.end + (level - levelAtEnd) / slopePerMs : null;
    return {
      host: spec.host,
      slopePerDay: last.slopePerDay,
      slopePerMs,
      lastSegmentStart,
      levelAtEnd,
      reach90: reach(90),
      reach100: reach(100),
      cleanups: spec.segments.slice(1).map((s) => o.end - s.fromDaysBeforeEnd * DAY_MS).filter((t) => t > o.start),
      gaps: gapRanges(spec.gaps, o.end),
      spikes: spec.spikes.map((s) => ({ time: o.end - s.minutesBeforeEnd * 6e4, add: s.add })),
      noiseSd: spec.noiseSd
    };
  });
  const cpu = CPU_HOSTS.map((spec) => ({
    host: spec.host,
    base: spec.base,
    dailyAmplitude: spec.dailyAmplitude,
    growthPerDay: spec.growthPerDay,
    noiseSd: spec.noiseSd,
    gaps: gapRanges(spec.gaps, o.end)
  }));
  return { options: o, disk, cpu };
}
function buildSeries(o, measurement, field, host, model, noiseSd, gaps, spikes) {
  const uniform = mulberry32(o.seed ^ fnv1a(`${measurement}/${host}`));
  const normal = normalSource(uniform);
  const n = Math.round((o.end - o.start) / o.stepMs);
  const times = [];
  const values = [];
  for (let k = 0; k < n; k++) {
    const t = o.start + k * o.stepMs;
    const noise = normal() * noiseSd;
    const dropped = uniform() < RANDOM_DROP_RATE;
    if (dropped || gaps.some((g) => t >= g.from && t < g.to)) {
      continue;
    }
    const spike = spikes.find((s) => s.time === t)?.add ?? 0;
    times.push(t);
    values.push(round4(Math.min(100, Math.max(0, model(t) + noise + spike))));
  }
  return { measurement, field, host, times, values };
}
function demoSeries(opts = {}) {
  const truth = demoTruth(opts);
  const o = truth.options;
  const disk = truth.disk.map(
    (d) => buildSeries(o, "disk", "used_percent", d.host, (t) => diskModelAt(d.host, t, o.end), d.noiseSd, d.gaps, d.spikes)
  );
  const cpu = truth.cpu.map(
    (c) => buildSeries(o, "cpu", "usage_percent", c.host, (t) => cpuModelAt(c.host, t, o.end), c.noiseSd, c.gaps, [])
  );
  return [...disk, ...cpu];
}
function demoLineProtocol(opts = {}, linesPerChunk = 5e3) {
  const chunks = [];
  let lines = [];
  for (const s of demoSeries(opts)) {
    for (let i = 0; i < s.times.length; i++) {
      lines.push(`${s.measurement},host=${s.host} ${s.field}=${String(s.values[i])} ${s.times[i] / 1e3}`);
      if (lines.length >= linesPerChunk) {
        chunks.push(lines.join("\n"));
        lines = [];
      }
    }
  }
  if (lines.length > 0) {
    chunks.push(lines.join("\n"));
  }
  return chunks;
}
export {
  CPU_PEAK_HOUR_UTC,
  CPU_WEEKEND_FACTOR,
  DAY_MS,
  DEMO_CPU_HOSTS,
  DEMO_DEFAULT_DAYS,
  DEMO_DEFAULT_SEED,
  DEMO_DISK_HOSTS,
  DEMO_STEP_MS,
  HOUR_MS,
  cpuModelAt,
  demoLineProtocol,
  demoSeries,
  demoTruth,
  diskCycleAt,
  diskModelAt,
  diskTrendAt,
  resolveDemoOptions
};
