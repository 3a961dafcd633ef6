/**
 * The CLI's outputs are safe (issue 17 items 8 and 10): before any work, `--out` and `--json` are checked against the
 * input ledger and each other — the same file through any path, symbolic or hard link, is the same device and inode —
 * and against what the user protected (a read-only file) or forgot (a missing folder). While writing, a full disk or
 * any other I/O failure is one clear line, and a closed pipe on standard output is a normal end.
 */
import * as fs from "fs";
import * as path from "path";
import { UsageError } from "./args";

/** An output that cannot be written: one line on stderr and exit 1. */
export class OutputError extends Error {}

/** Device and inode of an existing file (following links), or undefined when there is none. */
function identity(file: string): { dev: number; ino: number; mode: number } | undefined {
  try {
    const st = fs.statSync(file);
    return { dev: st.dev, ino: st.ino, mode: st.mode };
  } catch {
    return undefined;
  }
}

const same = (a?: { dev: number; ino: number }, b?: { dev: number; ino: number }) => a !== undefined && b !== undefined && a.dev === b.dev && a.ino === b.ino;

/**
 * Refuses outputs that would destroy the input or each other (UsageError: exit 2) and outputs that cannot be written
 * (OutputError: exit 1), before the ledger is read. `json` is undefined or `-` for none / standard output.
 */
export function checkOutputs(input: string, out: string, json: string | undefined): void {
  const inputId = identity(input);
  const outAbs = path.resolve(out);
  const jsonAbs = json !== undefined && json !== "-" ? path.resolve(json) : undefined;
  const targets: [string, string, string][] = [["--out", out, outAbs]];
  if (jsonAbs !== undefined) targets.push(["--json", json as string, jsonAbs]);
  for (const [flag, given, abs] of targets) {
    if (abs === path.resolve(input) || same(identity(abs), inputId)) throw new UsageError(`${flag} ${given} is the input ledger ${input}: choose another file name (the ledger is never overwritten)`);
  }
  if (jsonAbs !== undefined && (jsonAbs === outAbs || same(identity(jsonAbs), identity(outAbs)))) {
    throw new UsageError(`--json ${json} and --out ${out} name the same file: give each its own`);
  }
  for (const [flag, given, abs] of targets) {
    const id = identity(abs);
    const dir = path.dirname(abs);
    if (id === undefined) {
      const d = identity(dir);
      if (d === undefined) throw new OutputError(`cannot write ${flag} ${given}: the folder ${dir} does not exist`);
      if (!fs.statSync(dir).isDirectory()) throw new OutputError(`cannot write ${flag} ${given}: ${dir} is not a folder`);
      continue;
    }
    const st = fs.statSync(abs);
    if (st.isDirectory()) throw new OutputError(`cannot write ${flag} ${given}: it is a folder`);
    // The write bits, not access(2): run as root, access() says yes to a file its owner made read-only.
    if (st.isFile() && (id.mode & 0o222) === 0) throw new OutputError(`cannot write ${flag} ${given}: the file is read-only (it is left as it is; make it writable or choose another name)`);
  }
}

/** What a Node I/O error means, in words, for `cannot write FILE: …`. */
export function ioReason(e: unknown): string | undefined {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case "ENOSPC":
      return "no space left on the disk";
    case "EDQUOT":
      return "the disk quota is used up";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EROFS":
      return "the file system is read-only";
    case "ENOENT":
      return "the folder does not exist";
    case "EISDIR":
      return "it is a folder";
    case "EIO":
      return "an input/output error";
    case "EFBIG":
      return "the file is too large for the file system";
    default:
      return code ? `${(e as Error).message}` : undefined;
  }
}

/** Writes text (or its pieces, in order) to a file; returns the bytes written; one line of error on failure (no stack trace). */
export function writeTextFile(file: string, flag: string, text: string | Iterable<string>): number {
  try {
    const fd = fs.openSync(file, "w");
    let bytes = 0;
    try {
      for (const piece of typeof text === "string" ? [text] : text) {
        const buf = Buffer.from(piece);
        for (let at = 0; at < buf.length; ) at += fs.writeSync(fd, buf, at, buf.length - at);
        bytes += buf.length;
      }
    } finally {
      fs.closeSync(fd);
    }
    return bytes;
  } catch (e) {
    const why = ioReason(e);
    if (why) throw new OutputError(`cannot write ${flag} ${file}: ${why}`);
    throw e;
  }
}

/**
 * Writes to a stream (standard output) and waits until it is flushed. A reader that closed the pipe (`| head -c 10`)
 * ends the output normally: resolves false (nothing more should be written), never throws for it.
 */
export function writeToStream(stream: NodeJS.WritableStream, text: string): Promise<boolean> {
  return new Promise<boolean>((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      stream.removeListener("error", onError);
      if (err.code === "EPIPE" || err.code === "ERR_STREAM_DESTROYED") resolve(false);
      else reject(new OutputError(`cannot write to standard output: ${ioReason(err) ?? err.message}`));
    };
    stream.on("error", onError);
    stream.write(text, (err) => {
      if (err) return onError(err as NodeJS.ErrnoException);
      stream.removeListener("error", onError);
      resolve(true);
    });
  });
}

/** Keeps a stream's late errors (EPIPE after the reader left) from crashing the process as unhandled 'error' events. */
export function ignoreClosedPipe(stream: NodeJS.WritableStream): () => void {
  const onError = (err: NodeJS.ErrnoException) => {
    if (err.code !== "EPIPE" && err.code !== "ERR_STREAM_DESTROYED") throw err;
  };
  stream.on("error", onError);
  return () => stream.removeListener("error", onError);
}
