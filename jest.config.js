// force timezone to UTC to allow tests to work regardless of local timezone
process.env.TZ = 'UTC';

module.exports = {
  // Jest configuration provided by the create-plugin layout
  ...require('./.config/jest.config'),
};
