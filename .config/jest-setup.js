// Runs before every test file. DOM matchers only where a DOM exists (panel component tests).
if (typeof document !== 'undefined') {
  require('@testing-library/jest-dom');
}
