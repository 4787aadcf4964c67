/**
 * Checks run in the browser before sending, the same as feedback-api `identifiers.py`: the unified social
 * credit code (GB 32100-2015), phone numbers and resident ID numbers (GB 11643-1999). Pure functions with no
 * UI imports, shared by the staff app and the light public entry; they return a reason code that each UI
 * turns into its own message.
 */

/** GB 32100-2015: 31 symbols, without I, O, Z, S, V. */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Weights 3^(i−1) mod 31 for positions 1..17. */
const WEIGHTS = Array.from({ length: 17 }, (_, i) => {
  let w = 1;
  for (let k = 0; k < i; k += 1) w = (w * 3) % 31;
  return w;
});

/** The check character for the first 17 characters (which must be in the alphabet). */
export function creditCodeCheckChar(first17: string): string {
  let total = 0;
  for (let i = 0; i < 17; i += 1) total += CREDIT_CODE_ALPHABET.indexOf(first17[i]) * WEIGHTS[i];
  return CREDIT_CODE_ALPHABET[(31 - (total % 31)) % 31];
}

export type CreditCodeProblem = 'length' | 'chars' | 'region' | 'check';

export type Checked<P> = { ok: true; value: string } | { ok: false; problem: P };

/** Upper-cased, spaces removed, then verified; codes may start with a letter (A…, N…, Y…). */
export function checkCreditCode(input: string): Checked<CreditCodeProblem> {
  const code = input.replace(/\s+/g, '').toUpperCase();
  if (code.length !== 18) return { ok: false, problem: 'length' };
  if ([...code].some((c) => !CREDIT_CODE_ALPHABET.includes(c))) return { ok: false, problem: 'chars' };
  if (!/^\d{6}$/.test(code.slice(2, 8))) return { ok: false, problem: 'region' };
  if (creditCodeCheckChar(code.slice(0, 17)) !== code[17]) return { ok: false, problem: 'check' };
  return { ok: true, value: code };
}

export type PhoneProblem = 'format';

const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^0\d{2,3}\d{7,8}$/;

/** An 11-digit mobile or a landline with its area code; spaces, dashes, brackets and +86/0086 removed. */
export function checkPhone(input: string): Checked<PhoneProblem> {
  let raw = input.replace(/[\s\-()（）]/g, '');
  for (const prefix of ['+86', '0086']) {
    if (raw.startsWith(prefix)) raw = raw.slice(prefix.length);
  }
  return MOBILE.test(raw) || LANDLINE.test(raw) ? { ok: true, value: raw } : { ok: false, problem: 'format' };
}

export type IdNumberProblem = 'format' | 'check';

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** An 18-character resident ID number with its ISO 7064 MOD 11-2 check character. */
export function checkIdNumber(input: string): Checked<IdNumberProblem> {
  const number = input.replace(/\s+/g, '').toUpperCase();
  if (!/^\d{17}[\dX]$/.test(number)) return { ok: false, problem: 'format' };
  const sum = ID_WEIGHTS.reduce((total, w, i) => total + Number(number[i]) * w, 0);
  return ID_CHECK[sum % 11] === number[17] ? { ok: true, value: number } : { ok: false, problem: 'check' };
}

/** A tracking code as printed (YANV-8NQK-WZ9A): 12 characters without 0/O/1/I, grouped by four. */
export function formatTrackingCode(input: string): string {
  const raw = input.toUpperCase().replace(/[^0-9A-Z]/g, '');
  return raw.replace(/(.{4})(?=.)/g, '$1-');
}
