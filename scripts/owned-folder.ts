/**
 * Output folders a command owns (`npm run policy`, `npm run report`): written whole or
 * not at all, and never at the cost of a file the user made or changed.
 */
import { recoverInterruptedSwap, removeIfPossible, swapFolderInto } from "../lib/folder-swap";
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { CommandContext, UsageError } from "./cli";

/** The file an output folder of ours holds: which command wrote it, and each file with the hash of what it wrote. */
export const OUTPUT_MARKER = ".platform-stacks-output.json";

interface Marker {
  readonly command: string;
  /** File name to the SHA-256 of the content written; a marker of an earlier version lists names only. */
  readonly files: Record<string, string | undefined>;
}

export interface OwnedFolderWrite {
  /** The folder, as the user gave it (for messages), resolved from `from`. */
  readonly target: string;
  readonly from: string;
  /** The command's name in the marker and in messages: `npm run policy`. */
  readonly command: string;
  /** What this run writes, by path inside the folder. */
  readonly files: Record<string, string>;
  /**
   * Which files of the earlier output this run stands for (all when left out). Those it no
   * longer writes are dropped; the others (`--stack` writes one stack's) stay as they were.
   */
  readonly replaces?: (file: string) => boolean;
}

export interface OwnedFolderResult {
  /** The folder written. */
  readonly folder: string;
  /** Files the user changed since the command wrote them: kept as the user left them, not rewritten or dropped. */
  readonly keptEdited: readonly string[];
}

/**
 * Writes a command's output folder all at once, and only where that cannot lose a user's
 * file: into a new or empty folder, or over this command's own earlier output (the marker
 * lists what it wrote, and the folder holds nothing else). A file whose content is no longer
 * what the command wrote is kept as it is and named in the result. Anything else (`--out .`,
 * a checkout, a folder of notes) is refused with exit 2 and left as it was. The new folder
 * is made beside the target and renamed over it, so a failure leaves the previous output whole.
 */
export function writeOwnedFolder(write: OwnedFolderWrite): OwnedFolderResult {
  const folder = path.resolve(write.from, write.target);
  const refuse = (why: string) => new UsageError(`--out ${JSON.stringify(write.target)}: ${why}; give a new or empty folder. Nothing was written.`);
  refuseUnusablePlace(folder, refuse);
  recoverInterruptedSwap(
    folder,
    (name) => name.startsWith(scratchPrefix(folder)) && /^[0-9a-f]{12}(-old)?$/.test(name.slice(scratchPrefix(folder).length)),
  );
  const earlier = earlierOutput(folder, write.command, refuse);
  const replaces = write.replaces ?? (() => true);
  const next: Record<string, string> = { ...write.files };
  // Files carried over from the earlier output, copied as they are (bytes and mode), by name.
  const carried = new Map<string, string>();
  const keptEdited: string[] = [];
  for (const [name, hash] of Object.entries(earlier)) {
    const file = path.join(folder, name);
    const content = fs.readFileSync(file);
    if (name in write.files && content.equals(Buffer.from(write.files[name]))) continue;
    const edited = hash === undefined || sha256(content) !== hash;
    // Changed by someone since (or written by a version that kept no hashes): theirs now.
    if (edited) keptEdited.push(name);
    if (edited || (!replaces(name) && !(name in write.files))) {
      delete next[name];
      carried.set(name, file);
    }
  }
  const hashes = new Map<string, string>([
    ...Object.entries(next).map(([name, text]) => [name, sha256(text)] as [string, string]),
    // A carried file keeps the hash it was written with: an edited one stays the user's next time ("" when an earlier version kept none).
    ...[...carried.keys()].map((name) => [name, earlier[name] ?? ""] as [string, string]),
  ]);
  const marker: Marker = { command: write.command, files: Object.fromEntries([...hashes].sort(([a], [b]) => a.localeCompare(b))) };
  replaceFolder(folder, next, carried, `${JSON.stringify(marker, null, 2)}\n`);
  return { folder, keptEdited: keptEdited.sort() };
}

/** Folders of the system a command's output never goes to (nor is looked through), whatever they hold. */
const SYSTEM_FOLDERS = new Set(["bin", "boot", "dev", "etc", "lib", "lib64", "proc", "root", "run", "sbin", "sys", "usr", "var"]);

/**
 * Refuses at once, before reading anything: the file system's root or a system folder (which the
 * ownership check would otherwise walk whole), a path through a file, and a place this user
 * cannot write (the folder itself when it exists, else its nearest existing parent).
 */
function refuseUnusablePlace(folder: string, refuse: (why: string) => Error): void {
  const { root } = path.parse(folder);
  if (folder === root) throw refuse("is the root of the file system");
  if (path.dirname(folder) === root && SYSTEM_FOLDERS.has(path.basename(folder))) throw refuse("is a system folder");
  let existing = folder;
  while (!fs.existsSync(existing)) existing = path.dirname(existing);
  if (existing !== folder && !fs.statSync(existing).isDirectory()) throw refuse(`goes through ${existing}, which is a file`);
  // Made read-only by its owner: a choice to keep it as it is (a superuser's access check would let it through).
  if (existing === folder && fs.statSync(folder).isDirectory() && (fs.statSync(folder).mode & 0o200) === 0) throw refuse("is read-only");
  // The new output is made beside the folder and renamed over it: both need writing.
  for (const place of existing === folder ? [folder, path.dirname(folder)] : [existing]) {
    try {
      fs.accessSync(place, fs.constants.W_OK);
    } catch {
      throw refuse(`${place === folder ? "is" : `needs ${place}, which is`} not writable by this user`);
    }
  }
}

/** The scratch folders of replaceFolder beside the target: `.<target>-new-<12 hex>`, and `...-old` during the swap. */
const scratchPrefix = (folder: string) => `.${path.basename(folder)}-new-`;

/** The earlier output's files with their hashes; none for a new or empty folder; refuses any folder not wholly ours. */
function earlierOutput(folder: string, command: string, refuse: (why: string) => Error): Marker["files"] {
  if (!fs.existsSync(folder)) return {};
  if (!fs.statSync(folder).isDirectory()) throw refuse("is a file, not a folder");
  const present = listFiles(folder);
  if (present.length === 0) return {};
  const markerFile = path.join(folder, OUTPUT_MARKER);
  if (!fs.existsSync(markerFile)) {
    throw refuse(
      `holds ${present.length} file(s) this command did not write (${present.slice(0, 3).join(", ")}${present.length > 3 ? ", ..." : ""})`,
    );
  }
  const owned = JSON.parse(fs.readFileSync(markerFile, "utf8")) as { command?: string; files?: string[] | Record<string, string> };
  if (owned.command !== command) throw refuse(`holds the output of ${JSON.stringify(owned.command)}, not of ${command}`);
  const files: Marker["files"] = Array.isArray(owned.files) ? Object.fromEntries(owned.files.map((f) => [f, undefined])) : { ...owned.files };
  const foreign = present.filter((f) => f !== OUTPUT_MARKER && !(f in files));
  if (foreign.length) throw refuse(`holds file(s) added after ${command} wrote it (${foreign.slice(0, 3).join(", ")})`);
  // A listed file since deleted is written again only if this run writes it.
  return Object.fromEntries(Object.entries(files).filter(([name]) => fs.existsSync(path.join(folder, name))));
}

/**
 * Writes the files, the carried ones and the marker into a folder beside the target, then renames
 * it over the target. A failure puts the previous output back; if even that fails, it is left
 * where it is and the error says where.
 */
function replaceFolder(folder: string, files: Record<string, string>, carried: ReadonlyMap<string, string>, marker: string): void {
  const parent = path.dirname(folder);
  fs.mkdirSync(parent, { recursive: true });
  // Made with mkdir, not mkdtemp: it becomes the output folder, which keeps the default mode (mkdtemp's is private).
  const scratch = path.join(parent, `${scratchPrefix(folder)}${crypto.randomBytes(6).toString("hex")}`);
  fs.mkdirSync(scratch);
  try {
    const place = (name: string) => {
      fs.mkdirSync(path.dirname(path.join(scratch, name)), { recursive: true });
      return path.join(scratch, name);
    };
    for (const [name, content] of Object.entries(files)) fs.writeFileSync(place(name), content);
    for (const [name, from] of carried) fs.copyFileSync(from, place(name));
    fs.writeFileSync(path.join(scratch, OUTPUT_MARKER), marker);
    // Only an empty folder or our own earlier output is replaced here.
    swapFolderInto(scratch, folder);
  } finally {
    removeIfPossible(scratch);
  }
}

const sha256 = (content: string | Buffer) => crypto.createHash("sha256").update(content).digest("hex");

/** Every file below a folder, as relative paths. */
function listFiles(dir: string): string[] {
  return (
    (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
      .filter((entry) => !entry.isDirectory())
      // parentPath from Node 20.12; path before it.
      .map((entry) =>
        path.relative(dir, path.join((entry as fs.Dirent & { path?: string }).parentPath ?? (entry as { path?: string }).path!, entry.name)),
      )
      .sort()
  );
}

/** Prints what a write did: the folder and each file; on standard error, the files kept because the user changed them. */
export function reportWrite(context: CommandContext, result: OwnedFolderResult, files: Record<string, string>, what: string): void {
  const shown = path.relative(context.invokedFrom, result.folder) || ".";
  const count = Object.keys(files).length;
  context.print(`Wrote the ${what} (${count} file${count === 1 ? "" : "s"}) to ${shown.startsWith("..") ? result.folder : shown}/:`);
  for (const name of Object.keys(files).sort()) context.print(`  ${name}${result.keptEdited.includes(name) ? " (kept yours: see below)" : ""}`);
  if (result.keptEdited.length === 0) return;
  context.warn(
    `Kept ${result.keptEdited.length} file(s) changed since this command wrote them, as they are: ${result.keptEdited.join(", ")}. ` +
      "Move or delete one and run the command again to get what it writes now.",
  );
}

/** Writes one file whole (a file of its own, renamed over the target): a kill or a failure leaves the old content or the new. */
export function writeFileWhole(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const scratch = `${file}.${process.pid}.new`;
  try {
    fs.writeFileSync(scratch, text);
    fs.renameSync(scratch, file);
  } finally {
    fs.rmSync(scratch, { force: true });
  }
}
