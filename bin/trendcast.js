#!/usr/bin/env node
// Entry of `npx trendcast`: runs the bundled CLI built by `npm run build` (dist-cli/).
const path = require('path');
const fs = require('fs');
const bundle = path.join(__dirname, '..', 'dist-cli', 'trendcast.cjs');
if (!fs.existsSync(bundle)) {
  process.stderr.write('trendcast: the CLI is not built yet; run `npm run build` first\n');
  process.exit(1);
}
require(bundle);
