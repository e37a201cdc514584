/**
 * @jest-environment jsdom
 */
import { createDataFrame, FieldType } from '@grafana/data';

import { framesToSeries, labelKey } from './framesToSeries';

describe('framesToSeries', () => {
  it('reads InfluxQL-shaped frames as one series per tag set', () => {
    const frame = (host: string, values: Array<number | null>) =>
      createDataFrame({
        name: `disk.mean { host: ${host} }`,
        fields: [
          { name: 'Time', type: FieldType.time, values: [0, 3_600_000, 7_200_000] },
          {
            name: 'Value',
            type: FieldType.number,
            values,
            labels: { host },
            config: { unit: 'percent', displayNameFromDS: `disk.mean { host: ${host} }` },
          },
        ],
      });
    const series = framesToSeries([frame('web1', [1, null, 3]), frame('web2', [4, 5, 6])]);
    expect(series.map((s) => s.name)).toEqual(['host=web1', 'host=web2']);
    expect(series[0].displayName).toBe('disk.mean { host: web1 }');
    expect(Array.from(series[0].times)).toEqual([0, 3_600_000, 7_200_000]);
    expect(Array.from(series[0].values)).toEqual([1, null, 3]);
    expect(series[0].unit).toBe('percent');
  });

  it('skips frames without a time field and names unlabelled fields by display name', () => {
    const table = createDataFrame({ fields: [{ name: 'host', type: FieldType.string, values: ['a'] }] });
    const plain = createDataFrame({
      fields: [
        { name: 'time', type: FieldType.time, values: ['2024-01-01T00:00:00Z'] },
        { name: 'used', type: FieldType.number, values: [1] },
      ],
    });
    const series = framesToSeries([table, plain]);
    expect(series).toHaveLength(1);
    expect(series[0].name).toBe('used');
    expect(series[0].times[0]).toBe(Date.parse('2024-01-01T00:00:00Z'));
  });

  it('names each field of a tag set by field and tags when several share it', () => {
    const wide = createDataFrame({
      fields: [
        { name: 'Time', type: FieldType.time, values: [0, 1000] },
        { name: 'used', type: FieldType.number, values: [1, 2], labels: { host: 'a' } },
        { name: 'free', type: FieldType.number, values: [9, 8], labels: { host: 'a' } },
      ],
    });
    const influx = (field: string, host: string) =>
      createDataFrame({
        name: `disk.${field} { host: ${host} }`,
        fields: [
          { name: 'Time', type: FieldType.time, values: [0, 1000] },
          {
            name: 'Value',
            type: FieldType.number,
            values: [1, 2],
            labels: { host },
            config: { displayNameFromDS: `disk.${field} { host: ${host} }` },
          },
        ],
      });
    expect(framesToSeries([wide]).map((s) => s.name)).toEqual(['used host=a', 'free host=a']);
    // InfluxQL: one frame per selector and tag set, all fields called Value.
    expect(
      framesToSeries([influx('mean_used', 'a'), influx('mean_free', 'a'), influx('mean_used', 'b')]).map((s) => s.name)
    ).toEqual(['disk.mean_used host=a', 'disk.mean_free host=a', 'disk.mean_used host=b']);
  });

  it('orders labels so the key is stable', () => {
    expect(labelKey({ path: '/var', host: 'web1' })).toBe('host=web1, path=/var');
  });
});
