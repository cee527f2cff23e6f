import * as fs from "fs";
import * as path from "path";

/**
 * An output folder replaced whole: the new one is made beside it (a scratch folder named after
 * it), then takes its place in two renames, the earlier one set aside as `<scratch>-old` between
 * them. A kill at any moment leaves the earlier output or the new one, whole, or (between the two
 * renames) the earlier one set aside, which `recoverInterruptedSwap` puts back on the next run.
 * What `npm run synth` and the commands that write a folder (`--out`) share.
 */

/** The points of the swap, in order, for a test that kills the writer at each. */
export type SwapStep = "old-set-aside" | "new-in-place";

/** Raised when the earlier output could not be put back after a failed swap: the message says where it is. */
export class PutBackError extends Error {}

/** Puts `next`, complete, in the place of `folder`; on failure the earlier output goes back in its place. */
export function swapFolderInto(next: string, folder: string, onStep: (step: SwapStep) => void = () => undefined): void {
  const setAside = `${next}-old`;
  const hadOutput = fs.existsSync(folder);
  if (hadOutput) fs.renameSync(folder, setAside);
  onStep("old-set-aside");
  try {
    fs.renameSync(next, folder);
  } catch (error) {
    if (hadOutput) putBack(setAside, folder, error as Error);
    throw error;
  }
  onStep("new-in-place");
  removeIfPossible(setAside);
}

/** Renames the earlier output back over the target after a failed swap, or fails saying where it is. */
function putBack(setAside: string, folder: string, cause: Error): void {
  try {
    if (fs.existsSync(folder)) throw new Error(`${folder} exists`);
    fs.renameSync(setAside, folder);
  } catch (error) {
    throw new PutBackError(`${cause.message}; the previous output could not be put back (${(error as Error).message}): it is in ${setAside}`);
  }
}

/**
 * Finishes what a killed swap of `folder` left beside it (the entries `isLeftover` names): an
 * earlier output set aside with no output in its place is put back; every other leftover is
 * removed, or left when this user cannot remove it.
 */
export function recoverInterruptedSwap(folder: string, isLeftover: (name: string) => boolean): void {
  const parent = path.dirname(folder);
  if (!fs.existsSync(parent)) return;
  const leftovers = fs.readdirSync(parent).filter(isLeftover);
  const setAside = leftovers.find((name) => name.endsWith("-old"));
  if (setAside && !fs.existsSync(folder)) fs.renameSync(path.join(parent, setAside), folder);
  for (const name of leftovers) if (fs.existsSync(path.join(parent, name))) removeIfPossible(path.join(parent, name));
}

/** Removes a folder; one this user cannot remove (files another user made) is left for a later run to retry. */
export function removeIfPossible(folder: string): void {
  try {
    fs.rmSync(folder, { recursive: true, force: true });
  } catch {
    // The output is in place; a leftover beside it harms nothing.
  }
}
