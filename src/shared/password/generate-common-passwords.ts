/**
 * Generates common-passwords.ts, the list of passwords the policy refuses as "muito comum".
 *
 *   node --import tsx src/shared/password/generate-common-passwords.ts
 *
 * Sources (both MIT, from the zxcvbn-ts project, downloaded with `npm pack` at pinned versions —
 * they are not dependencies of the project):
 *   - @zxcvbn-ts/language-common  src/passwords.json: ~49k passwords ranked by frequency in leaked
 *     password corpora (zxcvbn's list). We keep the top TOP_COMMON, plus every deeper entry that
 *     contains a Brazilian token (senha, brasil, mudar, football clubs, ...).
 *   - @zxcvbn-ts/language-pt-br  src/firstnames.json and src/lastnames.json: Brazilian first names
 *     and surnames (names, alone or followed by digits, are among the most used passwords here).
 *     Its commonWords.json is NOT used: it is OpenSubtitles data under ODC-BY (attribution).
 *   - BRAZILIAN below: written by hand — passwords known to top Brazilian leak rankings and the
 *     defaults people are told to change ("mudar123"), plus this product's own name.
 * Every entry is lowercase NFC, 4–128 characters, without whitespace.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

const COMMON_PACKAGE = '@zxcvbn-ts/language-common@4.1.3'
const PT_BR_PACKAGE = '@zxcvbn-ts/language-pt-br@4.1.1'
const TOP_COMMON = 10_000
const TOP_FIRST_NAMES = 1_500

const BRAZILIAN = [
  '123456',
  '12345678',
  '123456789',
  '1234567890',
  '102030',
  '10203040',
  '1020304050',
  '102030405060',
  '123123',
  '123321',
  '147258',
  '147258369',
  '159753',
  '159357',
  '741852963',
  '789456',
  '789456123',
  '0123456789',
  '1q2w3e4r',
  '1q2w3e',
  'q1w2e3r4',
  'qwe123',
  'qwerty',
  'abc123',
  '123abc',
  'admin',
  'admin123',
  'administrador',
  'senha',
  'senha1',
  'senha12',
  'senha123',
  'senha1234',
  'senha12345',
  'senha@123',
  'senhasenha',
  'minhasenha',
  'suasenha',
  'novasenha',
  'semsenha',
  'mudar',
  'mudar123',
  'mudar@123',
  '123mudar',
  'mudarsenha',
  'mudeasenha',
  'trocar',
  'trocar123',
  'trocarsenha',
  'alterar',
  'alterar123',
  'acesso',
  'acesso123',
  'bemvindo',
  'bemvindo123',
  'teste',
  'teste123',
  'teste@123',
  'usuario',
  'usuario123',
  'cliente',
  'cliente123',
  'empresa',
  'empresa123',
  'sistema',
  'sistema123',
  'financeiro',
  'comercial',
  'vendas',
  'suporte',
  'escritorio',
  'recepcao',
  'cadastro',
  'cadastro123',
  'cadastra',
  'cadastra123',
  'brasil',
  'brasil123',
  'brasil2014',
  'saopaulo',
  'riodejaneiro',
  'flamengo',
  'mengao',
  'mengo',
  'corinthians',
  'timao',
  'palmeiras',
  'verdao',
  'porco',
  'vasco',
  'vascodagama',
  'gremio',
  'internacional',
  'colorado',
  'santos',
  'peixe',
  'cruzeiro',
  'raposa',
  'atletico',
  'galo',
  'botafogo',
  'fogao',
  'fluminense',
  'tricolor',
  'bahia',
  'vitoria',
  'fortaleza',
  'sport',
  'futebol',
  'jesus',
  'jesuscristo',
  'jesus123',
  'deus',
  'deusefiel',
  'deuseamor',
  'deusemeuguia',
  'senhor',
  'amor',
  'meuamor',
  'amorzinho',
  'amoreterno',
  'teamo',
  'teamo123',
  'euteamo',
  'familia',
  'felicidade',
  'saudade',
  'liberdade',
  'esperanca',
  'sucesso',
  'princesa',
  'gatinha',
  'gatinho',
  'lindinha',
  'cachorro',
  'chocolate',
  'beijinho',
  'amizade',
]

/** Tokens that make a deeper entry of the global list worth keeping. */
const BRAZILIAN_TOKENS = [
  'senha',
  'mudar',
  'brasil',
  'amor',
  'teamo',
  'jesus',
  'deus',
  'flamengo',
  'mengao',
  'corinthians',
  'timao',
  'palmeiras',
  'verdao',
  'vasco',
  'gremio',
  'colorado',
  'cruzeiro',
  'botafogo',
  'fluminense',
  'santos',
  'saopaulo',
  'familia',
  'princesa',
  'gatinha',
  'futebol',
]

const here = import.meta.dirname
const work = mkdtempSync(path.join(tmpdir(), 'common-passwords-'))

function readPackageJson<T>(spec: string, file: string): T {
  const name = execFileSync('npm', ['pack', spec, '--pack-destination', work, '--silent'], {
    encoding: 'utf8',
  }).trim()
  const dir = path.join(work, name.replace(/\.tgz$/, ''))
  mkdirSync(dir, { recursive: true })
  execFileSync('tar', ['xzf', path.join(work, name), '-C', dir])
  return JSON.parse(readFileSync(path.join(dir, 'package', file), 'utf8')) as T
}

try {
  const passwords = readPackageJson<string[]>(COMMON_PACKAGE, 'src/passwords.json')
  const firstNames = readPackageJson<string[]>(PT_BR_PACKAGE, 'src/firstnames.json')
  const lastNames = readPackageJson<string[]>(PT_BR_PACKAGE, 'src/lastnames.json')

  const out = new Set<string>()
  const add = (word: string) => {
    const w = word.normalize('NFC').toLowerCase()
    const length = Array.from(w).length
    if (length >= 4 && length <= 128 && !/\s/u.test(w)) out.add(w)
  }
  for (const w of BRAZILIAN) add(w)
  for (const w of passwords.slice(0, TOP_COMMON)) add(w)
  for (const w of passwords.slice(TOP_COMMON)) if (BRAZILIAN_TOKENS.some((t) => w.includes(t))) add(w)
  for (const w of firstNames.slice(0, TOP_FIRST_NAMES)) add(w)
  for (const w of lastNames) add(w)

  const escapeForTemplate = (w: string) =>
    w.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${')
  const body = [...out].map(escapeForTemplate).join('\n')
  const file = `// GENERATED by generate-common-passwords.ts — do not edit; change the generator and run it again.
// Sources: ${COMMON_PACKAGE} (top ${TOP_COMMON} of src/passwords.json plus Brazilian entries),
// ${PT_BR_PACKAGE} (src/firstnames.json top ${TOP_FIRST_NAMES}, src/lastnames.json), both MIT;
// and a hand-written list of Brazilian passwords. ${out.size} entries, lowercase, one per line.

const LIST = \`${body}\`

/** Common passwords (lowercase NFC), for an exact lookup. */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(LIST.split('\\n'))
`
  writeFileSync(path.join(here, 'common-passwords.ts'), file)
  console.log(`common-passwords.ts: ${out.size} entries, ${Buffer.byteLength(file)} bytes`)
} finally {
  rmSync(work, { recursive: true, force: true })
}
