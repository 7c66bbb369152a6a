/**
 * The file to open from a command line: `forkpad notes.md`, or the argv a second instance hands to
 * the first (`second-instance`). What precedes the user's arguments is the executable, plus the
 * app's path when Electron runs an unpackaged app (`electron .`: `process.defaultApp`). Flags are
 * Electron's, Chromium's or the OS's (`--enable-logging`, `--original-process-start-time=…`, and
 * macOS's `-psn_0_123`), never files; Chromium's switches carry their values after `=`, so a flag
 * never takes the next argument. After `--` everything is a file, even a name that starts with `-`.
 */
import { isAbsolute, resolve } from 'node:path';

export interface CommandLineContext {
  /** `process.defaultApp`: argv[1] is the app's path, not the user's. */
  readonly defaultApp: boolean;
  /** The folder relative paths are relative to (the second instance's `workingDirectory`). */
  readonly workingDirectory: string;
}

/** The absolute paths of the files named on `argv`, in order. */
export function filesFromArgv(argv: readonly string[], context: CommandLineContext): string[] {
  const files: string[] = [];
  let flagsEnded = false;
  for (const argument of argv.slice(context.defaultApp ? 2 : 1)) {
    if (!flagsEnded && argument === '--') {
      flagsEnded = true;
      continue;
    }
    if (argument === '' || (!flagsEnded && argument.startsWith('-'))) continue;
    files.push(isAbsolute(argument) ? argument : resolve(context.workingDirectory, argument));
  }
  return files;
}
