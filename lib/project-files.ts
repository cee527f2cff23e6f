import * as fs from "fs";
import * as path from "path";

/**
 * A file of the project, found upwards from `start` (the caller's `__dirname`): its own folder in
 * tests, the entry's folder when the app runs bundled (run-ts compiles the bundle as the entry
 * file), whatever the working directory. Throws, naming `missing`, when no folder above holds it.
 */
export function projectFile(start: string, relative: string, missing: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const file = path.join(dir, relative);
    if (fs.existsSync(file)) return file;
    if (path.dirname(dir) === dir) throw new Error(`${relative} was not found above ${start}: ${missing}`);
  }
}
