module.exports = {
  // Prettier configuration provided by the create-plugin layout
  ...require('./.config/.prettierrc.js'),
};
