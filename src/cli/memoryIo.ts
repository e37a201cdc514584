import { CliIo } from './run';

/** What a run wrote: exit code, standard output and standard error. */
export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/**
 * CliIo over in-memory files, for tests: each file is read in `chunk`-byte pieces, so records
 * also cross chunk boundaries as they do when a large file is streamed.
 */
export function memoryIo(files: Record<string, string | Buffer>, chunk = 64): CliIo & { result(code: number): CliRun } {
  let out = '';
  let err = '';
  return {
    openInput(path) {
      if (!(path in files)) {
        throw new Error('ENOENT: no such file or directory');
      }
      const data = Buffer.from(files[path]);
      return (async function* () {
        for (let i = 0; i < data.length; i += chunk) {
          yield data.subarray(i, i + chunk);
        }
      })();
    },
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    version: '9.9.9',
    result: (code) => ({ code, out, err }),
  };
}
