import { DataSourceInstanceSettings, DataSourcePluginOptionsEditorProps } from '@grafana/data';
import { DataSourcePicker } from '@grafana/runtime';
import { Field } from '@grafana/ui';

import { TEST_IDS } from '../constants';
import { INNER_TYPE, TrendcastDataSourceOptions } from '../types';

type Props = DataSourcePluginOptionsEditorProps<TrendcastDataSourceOptions>;

/** Settings: which of the instance's InfluxDB data sources Trendcast wraps (saved as jsonData.innerUid). */
export function ConfigEditor({ options, onOptionsChange }: Props) {
  const onPick = (ds: DataSourceInstanceSettings) =>
    onOptionsChange({ ...options, jsonData: { ...options.jsonData, innerUid: ds.uid } });
  return (
    <div data-testid={TEST_IDS.configEditor}>
      <Field
        label="InfluxDB data source"
        description="Trendcast runs each query's InfluxQL through this data source and forecasts the series it returns."
        invalid={!options.jsonData.innerUid}
        error="Pick the InfluxDB data source to forecast"
      >
        <DataSourcePicker
          type={INNER_TYPE}
          current={options.jsonData.innerUid ?? null}
          onChange={onPick}
          noDefault
          width={40}
          inputId="trendcast-inner-datasource"
        />
      </Field>
    </div>
  );
}
