/**
 * File system errors as user errors (issue 16, item 16): every Node system error that names a
 * path becomes one line naming it and what to fix; anything else stays a bug. The CLI-level
 * behaviour (exit 1, no stack trace) is in test/bad-input-trust.e2e.test.ts; this covers the
 * codes a test running as root cannot provoke for real (EACCES, EROFS …).
 */
import { fileSystemUserError } from "./errors";

function systemError(code: string, syscall: string, path?: string, dest?: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(`${code}: failed, ${syscall} '${path}'`);
  error.code = code;
  error.syscall = syscall;
  if (path !== undefined) error.path = path;
  if (dest !== undefined) (error as NodeJS.ErrnoException & { dest: string }).dest = dest;
  return error;
}

const nothingExists = () => false;
const everythingExists = () => true;

describe("fileSystemUserError", () => {
  it.each([
    ["EACCES", "open", "/srv/state/terraform.main.tfstate", /^\/srv\/state\/terraform\.main\.tfstate: permission denied\. Check the permissions of the file and its directory \(\/srv\/state\)/],
    ["EPERM", "unlink", "/srv/state/x.lock", /^\/srv\/state\/x\.lock: permission denied\./],
    ["EEXIST", "mkdir", "out/plans", /^out\/plans: already exists\. Remove it or choose another path\.$/],
    ["ENOTDIR", "open", "plan.bin/x", /^plan\.bin\/x: a part of this path is a file, not a directory\. Check the path\.$/],
    ["EISDIR", "open", "plans", /^plans: is a directory, where orgform needs a file\./],
    ["EROFS", "open", "/ro/plan.bin", /^\/ro\/plan\.bin: the file system is read-only\. Choose a writable location\.$/],
    ["ENOSPC", "write", "/full/terraform.tfstate", /^\/full\/terraform\.tfstate: no space left on the device/],
    ["EWHATEVER", "open", "odd", /^odd: open failed with EWHATEVER\. Check the path\.$/],
  ])("%s names the path and what to fix", (code, syscall, path, message) => {
    const error = fileSystemUserError(systemError(code, syscall, path), everythingExists);
    expect(error?.code).toBe("FILE_ACCESS");
    expect(error?.message).toMatch(message);
    expect(error?.message).not.toContain("\n");
  });

  it("ENOENT says whether the file or its directory is missing", () => {
    expect(fileSystemUserError(systemError("ENOENT", "open", "plan.bin"), nothingExists)?.message).toBe("plan.bin: no such file or directory. Check the path.");
    expect(fileSystemUserError(systemError("ENOENT", "open", "out/plan.bin"), everythingExists)?.message).toBe("out/plan.bin: no such file or directory. Check the path.");
    expect(fileSystemUserError(systemError("ENOENT", "open", "out/plan.bin"), nothingExists)?.message).toMatch(/^out\/plan\.bin: no such file or directory: the directory out does not exist\. .*mkdir -p out/);
  });

  it("a rename names both paths", () => {
    expect(fileSystemUserError(systemError("EXDEV", "rename", "/tmp/a", "/srv/b"), everythingExists)?.message).toMatch(/^\/tmp\/a → \/srv\/b: rename failed with EXDEV/);
  });

  it("anything that is not a system error naming a path is left alone (a bug shows its stack)", () => {
    expect(fileSystemUserError(new TypeError("x is undefined"), everythingExists)).toBeUndefined();
    expect(fileSystemUserError(systemError("ECONNREFUSED", "connect"), everythingExists)).toBeUndefined();
    expect(fileSystemUserError("ENOENT", everythingExists)).toBeUndefined();
  });
});

describe("fileSystemUserError with a temp file", () => {
  it("names the file the user named, not the temp file written beside it", () => {
    expect(fileSystemUserError(systemError("ENOENT", "open", "nodir/plan.bin.tmp-4242"), nothingExists)?.message).toMatch(/^nodir\/plan\.bin: no such file or directory: the directory nodir does not exist/);
    expect(fileSystemUserError(systemError("EISDIR", "rename", "/s/terraform.tfstate.tmp-4242-7", "/s/terraform.tfstate"), everythingExists)?.message).toMatch(/^\/s\/terraform\.tfstate: is a directory/);
  });
});
