/** Command-line options of the benchmarks: `--name value` or `--name=value`. */
export function benchOption(argv: string[], name: string, fallback: string): string {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === `--${name}` && i + 1 < argv.length) {
      return argv[i + 1];
    }
    if (a.startsWith(`--${name}=`)) {
      return a.slice(name.length + 3);
    }
  }
  return fallback;
}

/** A comma-separated list option, blanks dropped. */
export function benchListOption(argv: string[], name: string, fallback: string): string[] {
  return benchOption(argv, name, fallback)
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
