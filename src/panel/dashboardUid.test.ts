import { dashboardUidFromPath } from './dashboardUid';

describe('dashboardUidFromPath (part of the LSTM cache key)', () => {
  it.each([
    ['/d/abc123/capacity', 'abc123'],
    ['/grafana/d/x-Y_z/slug?orgId=1', 'x-Y_z'],
    ['/d-solo/abc/slug', 'abc'],
    ['/dashboard/new', 'unsaved'],
    ['/', 'unsaved'],
  ])('%s → %s', (path, uid) => {
    expect(dashboardUidFromPath(path)).toBe(uid);
  });
});
