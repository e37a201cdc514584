import { DataSourcePlugin } from '@grafana/data';

import { ConfigEditor } from './components/ConfigEditor';
import { QueryEditor } from './components/QueryEditor';
import { DataSource } from './DataSource';
import { TrendcastDataSourceOptions, TrendcastQuery } from './types';

export const plugin = new DataSourcePlugin<DataSource, TrendcastQuery, TrendcastDataSourceOptions>(DataSource)
  .setConfigEditor(ConfigEditor)
  .setQueryEditor(QueryEditor);
