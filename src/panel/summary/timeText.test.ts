/**
 * @jest-environment jsdom
 */
import { datePrecision, formatDate, formatSpan, formatTimeLeft } from './timeText';

const HOUR = 3_600_000;
const NOW = Date.parse('2026-11-30T20:00:00Z');

describe('time text', () => {
  it('states a date to the hour when the interval is narrow, to the day when wide or open', () => {
    expect(datePrecision(0, 47 * HOUR)).toBe('hour');
    expect(datePrecision(0, 48 * HOUR)).toBe('day');
    expect(datePrecision(0, null)).toBe('day');
    const t = Date.parse('2026-12-07T21:39:00Z');
    expect(formatDate(t, 'hour', 'utc', NOW)).toBe('Mon 7 Dec ~22:00');
    expect(formatDate(t, 'hour', 'utc', NOW, 'floor')).toBe('Mon 7 Dec ~21:00');
    expect(formatDate(t, 'day', 'utc', NOW)).toBe('~Mon 7 Dec');
    // India is UTC+5:30: the hour is rounded on its own clock.
    expect(formatDate(t, 'hour', 'Asia/Kolkata', NOW)).toBe('Tue 8 Dec ~03:00');
    expect(formatDate(Date.parse('2027-01-05T08:30:00Z'), 'day', 'utc', NOW)).toBe('~Tue 5 Jan 2027');
  });

  it('gives time left and spans in days and hours', () => {
    expect(formatTimeLeft(169.65 * HOUR, 'hour')).toBe('7 d 2 h');
    expect(formatTimeLeft(168.2 * HOUR, 'hour')).toBe('7 d');
    expect(formatTimeLeft(5.2 * HOUR, 'hour')).toBe('5 h');
    expect(formatTimeLeft(0.5 * HOUR, 'hour')).toBe('< 1 h');
    expect(formatTimeLeft(60.2 * HOUR, 'day')).toBe('~3 d');
    expect(formatSpan(14 * 24 * HOUR)).toBe('14 d');
    expect(formatSpan(36 * HOUR)).toBe('36 h');
    expect(formatSpan(60 * HOUR)).toBe('2 d 12 h');
  });
});
