import assert from 'node:assert/strict'
import { test } from 'node:test'
import { BANDS, BAND_LABELS, bandFor, charKind, scorePassword } from './meter.ts'

/**
 * Expected scores worked out by hand from the published rules (see meter.ts), not from the code.
 * Abbreviations: len = length; "consec" = consecutive (adjacent pairs); "seq" = sequential runs of 3.
 * Repeat characters: walk left to right; for each character that appears elsewhere,
 *   inc += Σ len/|distance|, repeated += 1, inc = ceil(inc / (len − repeated)) (ceil(inc) when 0 unique left).
 * Rules that do not apply are not written. A result outside 0..100 is clamped.
 */
const TABLE: [password: string, score: number][] = [
  // '': nothing at all = 0
  ['', 0],
  // 'a': len 1 → +4; lower 1 = len → 0; letters only → −1 = 3
  ['a', 3],
  // 'A': len 1 → +4; upper 1 = len → 0; letters only → −1 = 3
  ['A', 3],
  // '1': len 1 → +4; numbers 1 = len → 0; numbers only → −1 = 3
  ['1', 3],
  // '!': len 1 → +4; symbols 1 → +6 (flat, even when all symbols); no middle (first = last) = 10
  ['!', 10],
  // 'aA': len 2 → +8; upper 1 → +(2−1)×2 = +2; lower 1 → +2; letters only → −2;
  //   repeats (case-insensitive, a ≡ A): i0 inc 2/1 = 2, rep 1, unique 1 → ceil(2/1) = 2;
  //   i1 inc 2+2 = 4, rep 2, unique 0 → ceil(4) = 4 → −4  = 8+2+2−2−4 = 6
  ['aA', 6],
  // 'password' (the site's own example gives 8%): len 8 → +32; lower 8 = len → 0; letters only → −8;
  //   repeats s@2,s@3: i2 inc 8/1 = 8, rep 1, unique 7 → ceil(1.14) = 2; i3 inc 2+8 = 10, rep 2,
  //   unique 6 → ceil(1.67) = 2 → −2; consec lower 7 → −14 = 32−8−2−14 = 8
  ['password', 8],
  // 'thisismypassword' (the site gives 15%): len 16 → +64; letters only → −16; consec lower 15 → −30;
  //   repeats i@2,4 s@3,5,10,11: i2 inc 16/2 = 8 → ceil(8/15) = 1; s3 1+8+16/7+2 = 13.29 → ceil(/14) = 1;
  //   i4 1+8 = 9 → ceil(9/13) = 1; s5 1+8+3.2+2.67 = 14.87 → ceil(/12) = 2; s10 2+2.29+3.2+16 = 23.49
  //   → ceil(/11) = 3; s11 3+2+2.67+16 = 23.67 → ceil(/10) = 3 → −3  = 64−16−30−3 = 15
  ['thisismypassword', 15],
  // '123456' (the seed's example): len 6 → +24; numbers 6 = len → 0; middle 2,3,4,5 → +8;
  //   numbers only → −6; consec numbers 5 → −10; seq numbers 123 234 345 456 → −12 = 24+8−6−10−12 = 4
  ['123456', 4],
  // '12345678': len 8 → +32; middle 6 → +12; requirements 2 (length, numbers) < 4 → 0; numbers only → −8;
  //   consec numbers 7 → −14; seq numbers 123…678 = 6 → −18 = 32+12−8−14−18 = 4
  ['12345678', 4],
  // 'aaaaaa': len 6 → +24; letters only → −6; consec lower 5 → −10;
  //   repeats: i0 6/1+6/2+6/3+6/4+6/5 = 13.7 → ceil(13.7/5) = 3; i1 3+(6+6+3+2+1.5) = 21.5 → ceil(/4) = 6;
  //   i2 6+(3+6+6+3+2) = 26 → ceil(/3) = 9; i3 9+20 = 29 → ceil(/2) = 15; i4 15+18.5 = 33.5 → ceil(/1) = 34;
  //   i5 34+13.7 = 47.7, none unique → 48 → −48  = 24−6−10−48 = −40 → 0
  ['aaaaaa', 0],
  // 'AAAbbb': len 6 → +24; upper 3 → +(6−3)×2 = +6; lower 3 → +6; letters only → −6; consec upper 2 → −4;
  //   consec lower 2 → −4; repeats (per-char sums 9,12,9 | 9,12,9): i0 9 → ceil(9/5) = 2;
  //   i1 2+12 = 14 → ceil(/4) = 4; i2 4+9 = 13 → ceil(/3) = 5; i3 5+9 = 14 → ceil(/2) = 7;
  //   i4 7+12 = 19 → 19; i5 19+9 = 28 → 28 → −28  = 24+6+6−6−4−4−28 = −6 → 0
  ['AAAbbb', 0],
  // 'abcdef': len 6 → +24; letters only → −6; consec lower 5 → −10; seq abc bcd cde def → −12 = −4 → 0
  ['abcdef', 0],
  // 'xyz': len 3 → +12; letters only → −3; consec lower 2 → −4; seq xyz → −3 = 2
  //   (our reading: the whole alphabet; the site's script skips 'xyz' and would give 5)
  ['xyz', 2],
  // '7890': len 4 → +16; middle 8,9 → +4; numbers only → −4; consec numbers 3 → −6;
  //   seq 789 890 → −6 (the digit row ends in 0; the site's script skips '890') = 16+4−4−6−6 = 4
  ['7890', 4],
  // '!@#$%^': len 6 → +24; symbols 6 → +36; middle 4 → +8;
  //   seq symbols (shifted digit row ")!@#$%^&*()") !@# @#$ #$% $%^ → −12 = 24+36+8−12 = 56
  ['!@#$%^', 56],
  // '&*()': len 4 → +16; symbols 4 → +24; middle 2 → +4; seq symbols &*( *() → −6 = 38
  ['&*()', 38],
  // 'CBA987': len 6 → +24; upper 3 → +(6−3)×2 = +6; numbers 3 → +12; middle 9,8 → +4; consec upper 2 → −4;
  //   consec numbers 2 → −4; seq letters cba (abc backwards) → −3; seq numbers 987 → −3 = 46−14 = 32
  ['CBA987', 32],
  // 'Abc123!x' (the brief's example; it forgot consecutive numbers): len 8 → +32; upper 1 → +14;
  //   lower 3 → +10; numbers 3 → +12; symbols 1 → +6; middle 1,2,3,! → +8;
  //   requirements 5 (length + 4 kinds) → +10; consec lower bc → −2; consec numbers 12,23 → −4;
  //   seq letters abc → −3; seq numbers 123 → −3 = 92−12 = 80
  ['Abc123!x', 80],
  // 'Password1': len 9 → +36; upper 1 → +16; lower 7 → +(9−7)×2 = +4; numbers 1 → +4;
  //   requirements 4 (length, upper, lower, number) → +8; no middle ('1' is last);
  //   repeats s@2,3: i2 9/1 = 9 → ceil(9/8) = 2; i3 2+9 = 11 → ceil(11/7) = 2 → −2;
  //   consec lower as ss sw wo or rd = 6 → −12  = 68−2−12 = 54
  ['Password1', 54],
  // 'password123': len 11 → +44; lower 8 → +(11−8)×2 = +6; numbers 3 → +12; middle 1,2 → +4;
  //   requirements 3 (length, lower, number) → 0; repeats s@2,3: 11 → ceil(11/10) = 2; 2+11 = 13 →
  //   ceil(13/9) = 2 → −2; consec lower 7 → −14; consec numbers 2 → −4; seq 123 → −3 = 66−23 = 43
  ['password123', 43],
  // '102030': len 6 → +24; middle 0,2,0,3 → +8; numbers only → −6; consec numbers 5 → −10;
  //   repeats 0@1,3,5: i1 6/2+6/4 = 4.5 → ceil(4.5/5) = 1; i3 1+3+3 = 7 → ceil(7/4) = 2;
  //   i5 2+1.5+3 = 6.5 → ceil(6.5/3) = 3 → −3; no sequence (102, 020, 203, 030) = 24+8−6−10−3 = 13
  ['102030', 13],
  // 'qwerty': len 6 → +24; letters only → −6; consec lower 5 → −10; (keyboard rows are no sequence) = 8
  ['qwerty', 8],
  // 'abc123': len 6 → +24; lower 3 → +6; numbers 3 → +12; middle 1,2 → +4; requirements: length < 8 → 0;
  //   consec lower 2 → −4; consec numbers 2 → −4; seq abc → −3; seq 123 → −3 = 46−14 = 32
  ['abc123', 32],
  // 'senha': len 5 → +20; letters only → −5; consec lower 4 → −8 = 7
  ['senha', 7],
  // 'Senha': len 5 → +20; upper 1 → +(5−1)×2 = +8; lower 4 → +(5−4)×2 = +2; letters only → −5;
  //   consec lower 3 → −6 = 19
  ['Senha', 19],
  // 'senha12': len 7 → +28; lower 5 → +4; numbers 2 → +8; middle 1 → +2; requirements: length < 8 → 0;
  //   consec lower 4 → −8; consec numbers 1 → −2 = 42−10 = 32
  ['senha12', 32],
  // 'Senha@123': len 9 → +36; upper 1 → +16; lower 4 → +10; numbers 3 → +12; symbols 1 → +6;
  //   middle @,1,2 → +6; requirements 5 → +10; consec lower en nh ha → −6; consec numbers 2 → −4;
  //   seq 123 → −3 = 96−13 = 83
  ['Senha@123', 83],
  // 'MUDAR123': len 8 → +32; upper 5 → +(8−5)×2 = +6; numbers 3 → +12; middle 1,2 → +4;
  //   requirements 3 (length, upper, number) → 0; consec upper 4 → −8; consec numbers 2 → −4;
  //   seq 123 → −3 = 54−15 = 39
  ['MUDAR123', 39],
  // 'Casa2026': len 8 → +32; upper 1 → +14; lower 3 → +10; numbers 4 → +16; middle 2,0,2 → +6;
  //   requirements 4 → +8; repeats a@1,3 2@4,6: a1 8/2 = 4 → ceil(4/7) = 1; a3 1+4 = 5 → ceil(5/6) = 1;
  //   2@4 1+4 = 5 → ceil(5/5) = 1; 2@6 1+4 = 5 → ceil(5/4) = 2 → −2; consec lower as sa → −4;
  //   consec numbers 3 → −6 = 86−2−4−6 = 74
  ['Casa2026', 74],
  // 'Flamengo1895': len 12 → +48; upper 1 → +22; lower 7 → +10; numbers 4 → +16; middle 1,8,9 → +6;
  //   requirements 4 → +8; consec lower 6 → −12; consec numbers 3 → −6 = 110−18 = 92
  ['Flamengo1895', 92],
  // 'Ab1!Ab1!': len 8 → +32; upper 2 → +12; lower 2 → +12; numbers 2 → +8; symbols 2 → +12;
  //   middle 1,!,1 → +6; requirements 5 → +10; repeats (each twice, distance 4: 8/4 = 2 per char):
  //   inc 2 → ceil(2/7) = 1; 3 → ceil(3/6) = 1; 3 → ceil(3/5) = 1; 3 → ceil(3/4) = 1; 3 → ceil(3/3) = 1;
  //   3 → ceil(3/2) = 2; 4 → ceil(4/1) = 4; 6 → 6 → −6  = 92−6 = 86
  ['Ab1!Ab1!', 86],
  // 'under_score' ('_' is a symbol): len 11 → +44; lower 10 → +2; symbols 1 → +6; middle 1 → +2;
  //   requirements 3 → 0; repeats e@3,10 r@4,9: e3 11/7 = 1.57 → ceil(/10) = 1; r4 1+2.2 = 3.2 →
  //   ceil(/9) = 1; r9 1+2.2 → ceil(/8) = 1; e10 1+1.57 → ceil(/7) = 1 → −1; consec lower 4+4 → −16
  //   = 54−1−16 = 37
  ['under_score', 37],
  // 'Tr0ub4dor&3': len 11 → +44; upper 1 → +20; lower 6 → +10; numbers 3 → +12; symbols 1 → +6;
  //   middle 0,4,& → +6; requirements 5 → +10; repeats r@1,8: 11/7 = 1.57 → ceil(/10) = 1;
  //   1+1.57 → ceil(/9) = 1 → −1; consec lower ub do or → −6 = 108−1−6 = 101 → 100
  ['Tr0ub4dor&3', 100],
  // 'Sãopaulo2026!' (ã is a lowercase letter, distinct from a): len 13 → +52; upper 1 → +24;
  //   lower 7 → +12; numbers 4 → +16; symbols 1 → +6; middle 2,0,2,6 → +8; requirements 5 → +10;
  //   repeats o@2,7 2@8,10: o 13/5 = 2.6 → ceil(/12) = 1; o 1+2.6 → ceil(/11) = 1; 2 1+6.5 → ceil(/10) = 1;
  //   2 1+6.5 → ceil(/9) = 1 → −1; consec lower 6 → −12; consec numbers 3 → −6 = 128−19 = 109 → 100
  ['Sãopaulo2026!', 100],
  // 'ação': len 4 → +16; letters only (ç, ã are letters) → −4; consec lower 3 → −6 = 6
  ['ação', 6],
  // '🔒🔒' (one code point each, a symbol): len 2 → +8; symbols 2 → +12; repeats: 2/1 = 2 → ceil(2/1) = 2;
  //   2+2 = 4 → 4 → −4 = 16
  ['🔒🔒', 16],
  // 'luz do sol 2026' (spaces are symbols): len 15 → +60; lower 8 → +14; numbers 4 → +16; symbols 3 → +18;
  //   middle 3 spaces + 2,0,2 → +12; requirements 4 → +8; repeats l@0,9 ' '@3,6,10 o@5,8 2@11,13 →
  //   1,1,1,1,1,1,1,2,2 → −2; consec lower lu uz do so ol → −10; consec numbers 3 → −6 = 128−18 = 110 → 100
  ['luz do sol 2026', 100],
  // 'correcthorsebatterystaple': len 25 → +100; letters only → −25; consec lower 24 → −48;
  //   repeats: 20 characters involved; inc after each (· = unique) 1,1,2,2,1,1,1,·,1,1,1,1,·,1,3,4,2,1,·,1,2,1,·,·,2 → −2
  //   = 100−25−48−2 = 25
  ['correcthorsebatterystaple', 25],
]

for (const [password, expected] of TABLE) {
  test(`scorePassword(${JSON.stringify(password)}) = ${expected}`, () => {
    const result = scorePassword(password)
    assert.equal(result.score, expected)
    assert.equal(result.band, bandFor(expected))
    assert.equal(result.bandLabel, BAND_LABELS[bandFor(expected)])
  })
}

test('the table has at least 30 hand-worked passwords', () => {
  assert.ok(TABLE.length >= 30)
})

test('score is the clamped sum of the breakdown, an integer in 0..100', () => {
  for (const [password] of TABLE) {
    const r = scorePassword(password)
    const sum = [...r.additions, ...r.deductions].reduce((s, i) => s + i.points, 0)
    assert.equal(r.score, Math.min(100, Math.max(0, sum)), password)
    assert.ok(Number.isInteger(r.score))
    for (const item of r.additions) assert.ok(item.points >= 0, `${password} ${item.key}`)
    for (const item of r.deductions) assert.ok(item.points <= 0, `${password} ${item.key}`)
  }
})

test('breakdown of Abc123!x, line by line', () => {
  const r = scorePassword('Abc123!x')
  const lines = (items: { key: string; count: number; points: number }[]) =>
    Object.fromEntries(items.filter((i) => i.count || i.points).map((i) => [i.key, [i.count, i.points]]))
  assert.deepEqual(lines(r.additions), {
    length: [8, 32],
    uppercase: [1, 14],
    lowercase: [3, 10],
    numbers: [3, 12],
    symbols: [1, 6],
    middle: [4, 8],
    requirements: [5, 10],
  })
  assert.deepEqual(lines(r.deductions), {
    consecutiveLowercase: [1, -2],
    consecutiveNumbers: [2, -4],
    sequentialLetters: [1, -3],
    sequentialNumbers: [1, -3],
  })
})

test('breakdown carries pt-BR labels in the table order', () => {
  const r = scorePassword('x')
  assert.deepEqual(
    r.additions.map((i) => i.label),
    [
      'Número de caracteres',
      'Letras maiúsculas',
      'Letras minúsculas',
      'Números',
      'Símbolos',
      'Números ou símbolos no meio',
      'Requisitos mínimos',
    ],
  )
  assert.deepEqual(
    r.deductions.map((i) => i.label),
    [
      'Somente letras',
      'Somente números',
      'Caracteres repetidos',
      'Letras maiúsculas consecutivas',
      'Letras minúsculas consecutivas',
      'Dígitos consecutivos',
      'Sequência de letras (3+)',
      'Sequência de números (3+)',
      'Sequência de símbolos (3+)',
    ],
  )
})

test('repeat characters: count and deduction of password and thisismypassword', () => {
  const repeated = (pw: string) => scorePassword(pw).deductions.find((i) => i.key === 'repeated')!
  assert.deepEqual([repeated('password').count, repeated('password').points], [2, -2])
  assert.deepEqual([repeated('thisismypassword').count, repeated('thisismypassword').points], [6, -3])
  assert.deepEqual(
    [repeated('correcthorsebatterystaple').count, repeated('correcthorsebatterystaple').points],
    [20, -2],
  )
})

test('requirements are counted but only awarded with 8+ characters and 3 of the 4 kinds', () => {
  const req = (pw: string) => scorePassword(pw).additions.find((i) => i.key === 'requirements')!
  assert.deepEqual([req('Ab1!').count, req('Ab1!').points], [4, 0]) // 4 kinds but only 4 characters
  assert.deepEqual([req('abcdefg1').count, req('abcdefg1').points], [3, 0]) // 8+ but 2 kinds
  assert.deepEqual([req('abcdef1!').count, req('abcdef1!').points], [4, 8])
  assert.deepEqual([req('Abcdef1!').count, req('Abcdef1!').points], [5, 10])
})

test('sequences count each run once and ignore case', () => {
  const seq = (pw: string) => scorePassword(pw).deductions.find((i) => i.key === 'sequentialLetters')!.count
  assert.equal(seq('abcXabc'), 1)
  assert.equal(seq('ABC'), 1)
  assert.equal(seq('cba'), 1)
  assert.equal(seq('áBC'), 0) // accented letters form no sequence
})

test('NFC: a decomposed accent is one character', () => {
  assert.equal(scorePassword('a\u0303o').score, scorePassword('ão').score)
  assert.equal(scorePassword('a\u0303o').additions[0].count, 2)
})

test('character kinds', () => {
  assert.equal(charKind('A'), 'upper')
  assert.equal(charKind('Ç'), 'upper')
  assert.equal(charKind('ç'), 'lower')
  assert.equal(charKind('5'), 'number')
  assert.equal(charKind(' '), 'symbol')
  assert.equal(charKind('_'), 'symbol')
  assert.equal(charKind('€'), 'symbol')
})

test('bands: < 20 muito fraca, 20–39 fraca, 40–59 boa, 60–79 forte, ≥ 80 muito forte', () => {
  const cases: [number, string][] = [
    [0, 'muito-fraca'],
    [19, 'muito-fraca'],
    [20, 'fraca'],
    [39, 'fraca'],
    [40, 'boa'],
    [59, 'boa'],
    [60, 'forte'],
    [79, 'forte'],
    [80, 'muito-forte'],
    [100, 'muito-forte'],
  ]
  for (const [score, band] of cases) assert.equal(bandFor(score), band, String(score))
  assert.deepEqual(
    BANDS.map((b) => BAND_LABELS[b]),
    ['Muito fraca', 'Fraca', 'Boa', 'Forte', 'Muito forte'],
  )
})

test('scored passwords at the band edges', () => {
  assert.equal(scorePassword('Senha').band, 'muito-fraca') // 19
  assert.equal(scorePassword('MUDAR123').band, 'fraca') // 39
  assert.equal(scorePassword('Abc123!x').band, 'muito-forte') // 80
})

test('hostile input is bounded', () => {
  const started = performance.now()
  scorePassword('a'.repeat(1_000_000))
  assert.ok(performance.now() - started < 2_000)
})
