import { QueryEditorProps } from '@grafana/data';
import {
  Alert,
  Combobox,
  InlineField,
  InlineFieldRow,
  InlineSwitch,
  Input,
  RadioButtonGroup,
  TextArea,
} from '@grafana/ui';
import { ChangeEvent, useState } from 'react';

import { ThresholdDirection } from '../../engine/crossings';
import { DEFAULT_DRIFT_POLICY, DEFAULT_LSTM_CONFIG } from '../../models/lstm';
import { mayTrain } from '../../models/registry';
import { MODEL_CHOICES, ModelChoice } from '../../models/types';
import { LSTM_OPTION_HELP, LstmUserOptions } from '../../runtime/lstmUserOptions';
import { TEST_IDS } from '../constants';
import { DataSource } from '../DataSource';
import { parseThresholds, validateQuery } from '../queryOptions';
import { TrendcastDataSourceOptions, TrendcastQuery, withQueryDefaults } from '../types';

type Props = QueryEditorProps<DataSource, TrendcastQuery, TrendcastDataSourceOptions>;

const MODEL_LABELS: Record<ModelChoice, string> = {
  auto: 'Auto',
  linear: 'Linear',
  'last-trend': 'Last trend',
  'last-trend-peaks': 'Last trend (derivative peaks)',
  seasonal: 'Seasonal',
  'rrd-predict': 'RRD PREDICT',
  lstm: 'LSTM',
};
const DIRECTIONS: Array<{ value: ThresholdDirection; label: string }> = [
  { value: 'auto', label: 'Auto' },
  { value: 'rising', label: 'Upper limits' },
  { value: 'falling', label: 'Lower limits' },
];
const LABEL_WIDTH = 16;

/** The LSTM's number fields: empty = the default (shown as the placeholder). */
const LSTM_FIELDS: Array<{
  key: keyof LstmUserOptions;
  label: string;
  placeholder: string;
  min: number;
  step: number;
}> = [
  {
    key: 'lstmLookBack',
    label: 'Look-back',
    placeholder: DEFAULT_LSTM_CONFIG.lookBack === 0 ? 'auto' : String(DEFAULT_LSTM_CONFIG.lookBack),
    min: 0,
    step: 1,
  },
  {
    key: 'lstmEpochs',
    label: 'Epochs',
    placeholder: String(DEFAULT_LSTM_CONFIG.epochs),
    min: 1,
    step: 1,
  },
  {
    key: 'lstmFineTuneEpochs',
    label: 'Fine-tune epochs',
    placeholder: String(DEFAULT_LSTM_CONFIG.fineTuneEpochs),
    min: 0,
    step: 1,
  },
  {
    key: 'lstmDriftLimit',
    label: 'Drift limit',
    placeholder: String(DEFAULT_DRIFT_POLICY.relativeLimit),
    min: 0,
    step: 0.1,
  },
  {
    key: 'lstmDriftAbsoluteLimit',
    label: 'Absolute drift limit',
    placeholder: DEFAULT_DRIFT_POLICY.absoluteLimit === null ? 'off' : String(DEFAULT_DRIFT_POLICY.absoluteLimit),
    min: 0,
    step: 0.1,
  },
];

/** The inner InfluxQL and the panel's forecast options; text fields apply on blur and re-run the query. */
export function QueryEditor({ query: saved, onChange, onRunQuery }: Props) {
  const query = withQueryDefaults(saved);
  const [thresholdText, setThresholdText] = useState(query.thresholds.join(', '));
  const [thresholdError, setThresholdError] = useState<string | undefined>();
  const problems = query.innerQuery.trim() === '' ? [] : validateQuery(query);

  const apply = (patch: Partial<TrendcastQuery>) => {
    onChange({ ...query, ...patch });
    onRunQuery();
  };
  const text = (key: 'innerQuery' | 'horizon' | 'fitWindow') => ({
    defaultValue: query[key],
    onBlur: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      if (e.currentTarget.value !== query[key]) {
        apply({ [key]: e.currentTarget.value });
      }
    },
  });
  const onThresholdsBlur = () => {
    const parsed = parseThresholds(thresholdText);
    if ('error' in parsed) {
      setThresholdError(parsed.error);
      return;
    }
    setThresholdError(undefined);
    apply({ thresholds: parsed.thresholds });
  };

  return (
    <div data-testid={TEST_IDS.queryEditor}>
      <InlineField
        label="InfluxQL"
        labelWidth={LABEL_WIDTH}
        grow
        tooltip="Raw InfluxQL; $timeFilter, $__interval and dashboard variables work as in the InfluxDB data source"
      >
        <TextArea
          {...text('innerQuery')}
          data-testid={TEST_IDS.innerQuery}
          rows={3}
          placeholder={
            'SELECT mean("used_percent") FROM "disk" WHERE $timeFilter GROUP BY time($__interval), "host" fill(null)'
          }
        />
      </InlineField>
      <InlineFieldRow>
        <InlineField label="Model" labelWidth={LABEL_WIDTH}>
          <Combobox<ModelChoice>
            width={20}
            value={query.model}
            options={MODEL_CHOICES.map((m) => ({ value: m, label: MODEL_LABELS[m] }))}
            onChange={(o) => apply({ model: o.value })}
          />
        </InlineField>
        <InlineField label="Horizon" tooltip="How far to forecast: 14d, 48h, or a number of steps">
          <Input {...text('horizon')} width={10} data-testid={TEST_IDS.horizon} />
        </InlineField>
        <InlineField label="Fit window" tooltip="Fit only the last part of the data (7d); empty fits all of it">
          <Input {...text('fitWindow')} width={10} placeholder="all" />
        </InlineField>
        <InlineField label="Confidence" tooltip="Level of the prediction band, between 0 and 1">
          <Input
            type="number"
            step={0.01}
            min={0.5}
            max={0.99}
            width={10}
            defaultValue={query.confidence}
            onBlur={(e) => apply({ confidence: Number(e.currentTarget.value) })}
          />
        </InlineField>
      </InlineFieldRow>
      <InlineFieldRow>
        <InlineField
          label="Thresholds"
          labelWidth={LABEL_WIDTH}
          invalid={thresholdError !== undefined}
          error={thresholdError}
        >
          <Input
            width={20}
            value={thresholdText}
            data-testid={TEST_IDS.thresholds}
            onChange={(e) => setThresholdText(e.currentTarget.value)}
            onBlur={onThresholdsBlur}
            placeholder="90, 100"
          />
        </InlineField>
        <InlineField label="Thresholds are">
          <RadioButtonGroup options={DIRECTIONS} value={query.direction} onChange={(v) => apply({ direction: v })} />
        </InlineField>
      </InlineFieldRow>
      {mayTrain(query.model) && (
        <InlineFieldRow data-testid={TEST_IDS.lstmOptions}>
          {LSTM_FIELDS.map((f, i) => (
            <InlineField
              key={f.key}
              label={f.label}
              labelWidth={i === 0 ? LABEL_WIDTH : undefined}
              tooltip={LSTM_OPTION_HELP[f.key]}
            >
              <Input
                type="number"
                min={f.min}
                step={f.step}
                width={10}
                placeholder={f.placeholder}
                defaultValue={query[f.key] ?? ''}
                onBlur={(e) => {
                  const text = e.currentTarget.value.trim();
                  const value = text === '' ? undefined : Number(text);
                  if (value !== query[f.key]) {
                    apply({ [f.key]: value });
                  }
                }}
              />
            </InlineField>
          ))}
        </InlineFieldRow>
      )}
      <InlineFieldRow>
        <InlineField label="Outputs" labelWidth={LABEL_WIDTH}>
          <InlineSwitch
            label="original"
            showLabel
            value={query.includeOriginal}
            onChange={() => apply({ includeOriginal: !query.includeOriginal })}
          />
        </InlineField>
        <InlineSwitch
          label="forecast"
          showLabel
          value={query.includeForecast}
          onChange={() => apply({ includeForecast: !query.includeForecast })}
        />
        <InlineSwitch
          label="crossings"
          showLabel
          value={query.includeCrossings}
          onChange={() => apply({ includeCrossings: !query.includeCrossings })}
        />
      </InlineFieldRow>
      {problems.length > 0 && (
        <Alert severity="error" title="This query will not run">
          {problems.join('; ')}
        </Alert>
      )}
    </div>
  );
}
