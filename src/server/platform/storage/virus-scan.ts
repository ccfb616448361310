/**
 * The virus-scan hook every upload passes through before it is stored. Without CLAMAV_URL the
 * scanner accepts everything; with it, ClamAV's daemon scans each file (clamd.ts). Another engine
 * fits behind the same interface. Tests also use the EICAR scanner.
 */
export type ScanResult = { clean: true } | { clean: false; infected: true; name: string }

export interface VirusScanner {
  readonly name: string
  scan(bytes: Buffer): Promise<ScanResult>
}

export const noopScanner: VirusScanner = {
  name: 'nenhum',
  scan: async () => ({ clean: true }),
}

/** The industry's harmless test signature (https://www.eicar.org): every antivirus flags it. */
export const EICAR_SIGNATURE = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*'

/** Flags any content carrying the EICAR test string: lets tests exercise the refusal path. */
export const eicarScanner: VirusScanner = {
  name: 'eicar',
  scan: async (bytes) =>
    bytes.includes(EICAR_SIGNATURE, 0, 'latin1')
      ? { clean: false, infected: true, name: 'EICAR-Test-File' }
      : { clean: true },
}
