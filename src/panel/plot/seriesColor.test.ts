/**
 * @jest-environment jsdom
 */
import { createTheme, FieldColorModeId } from '@grafana/data';

import { seriesColor } from './seriesColor';

const theme = createTheme();

describe('seriesColor', () => {
  it('gives a series the same colour whatever else is in the panel (by name)', () => {
    const a = seriesColor({ name: 'host=db1' }, theme);
    expect(a).toMatch(/^#[0-9A-F]{6}$/i);
    expect(seriesColor({ name: 'host=db1' }, theme)).toBe(a);
    const palette = theme.visualization.palette.map((c) => theme.visualization.getColorByName(c));
    expect(palette).toContain(a);
  });

  it('takes a fixed colour from the field config (an override by series)', () => {
    const color = { mode: FieldColorModeId.Fixed, fixedColor: 'purple' };
    expect(seriesColor({ name: 'host=db1', color }, theme)).toBe(theme.visualization.getColorByName('purple'));
  });
});
