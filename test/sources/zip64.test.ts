// A workbook stored as zip64 (big exporters and some libraries write every entry that way): the same rows as the
// plain zip. The zip64 copy is made here with Python's zipfile (force_zip64), not by the reader's own code.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/sandbox.js';
import { month, writeWorkbook } from '../helpers/workbook.js';

const python = ['/usr/bin/python3', 'python3'].find((p) => {
  try {
    execFileSync(p, ['-c', 'import zipfile'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
});

const REZIP = `
import sys, zipfile
src, dst = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, 'w', zipfile.ZIP_DEFLATED) as zout:
    for info in zin.infolist():
        with zin.open(info) as r, zout.open(info.filename, 'w', force_zip64=True) as w:
            w.write(r.read())
with open(dst, 'rb') as f:
    data = f.read()
# zip64 extra fields (header id 0x0001) must be there, or this test proves nothing.
assert b'\\x01\\x00\\x10\\x00' in data or b'\\x01\\x00\\x18\\x00' in data or b'\\x01\\x00\\x1c\\x00' in data, 'no zip64 extra field'
`;

describe.skipIf(!python)('zip64 workbooks', () => {
  it('reads every row of a workbook whose entries are zip64', async () => {
    const dir = tempDir();
    const plain = join(dir, 'march.xlsx');
    const zip64 = join(dir, 'zip64', 'march.xlsx');
    await writeWorkbook(plain, month(3, 4, 5));
    execFileSync('mkdir', ['-p', join(dir, 'zip64')]);
    execFileSync(python!, ['-c', REZIP, plain, zip64]);
    const a = await runCli(['validate', plain, '--json', '--no-report']);
    const b = await runCli(['validate', zip64, '--json', '--no-report']);
    expect(b.stderr).toBe('');
    expect(b.code).toBe(0);
    expect(JSON.parse(b.stdout)).toMatchObject({ valid: 29, invalid: 0 });
    expect(JSON.parse(b.stdout).valid).toBe(JSON.parse(a.stdout).valid);
  });
});
