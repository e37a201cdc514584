import { median } from './median';

describe('median', () => {
  it('takes the middle value, or the mean of the middle two', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 10])).toBe(3.5);
    expect(median([-2])).toBe(-2);
  });

  it('is NaN for no values', () => {
    expect(median([])).toBeNaN();
  });
});
