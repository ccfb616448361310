import { execFileSync, spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import path from 'node:path'

/** True when LibreOffice's `soffice` is installed (CI installs libreoffice-calc-nogui). */
export function hasLibreOffice(): boolean {
  return spawnSync('which', ['soffice']).status === 0
}

/**
 * Writes `rows` as a UTF-8 CSV in `dir` and has LibreOffice convert it: returns the path of the
 * LibreOffice-made .xlsx. Numbers in the CSV become number cells (a CPF loses its leading zero, as
 * in a real spreadsheet). Each call uses a profile of its own, so two runs at once never share one.
 */
export function libreOfficeXlsx(dir: string, name: string, rows: unknown[][]): string {
  const csv = path.join(dir, `${name}.csv`)
  writeFileSync(
    csv,
    rows.map((r) => r.map((c) => `"${String(c).replaceAll('"', '""')}"`).join(',')).join('\n'),
  )
  execFileSync(
    'soffice',
    [
      `-env:UserInstallation=file://${path.join(dir, `profile-${name}`)}`,
      '--headless',
      // CSV filter options: ',' separated, '"' quoted, UTF-8 (76), from line 1.
      '--infilter=CSV:44,34,76,1',
      '--convert-to',
      'xlsx',
      '--outdir',
      dir,
      csv,
    ],
    { stdio: 'ignore' },
  )
  return path.join(dir, `${name}.xlsx`)
}
