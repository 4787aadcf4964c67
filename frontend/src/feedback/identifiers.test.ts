import { describe, expect, it } from 'vitest';
import { checkCreditCode, checkIdNumber, checkPhone, creditCodeCheckChar, formatTrackingCode } from './identifiers';

describe('checkCreditCode (GB 32100-2015)', () => {
  it('accepts valid codes starting with 9 and normalises case and spaces', () => {
    expect(checkCreditCode('91330106MA2CFXX77M')).toEqual({ ok: true, value: '91330106MA2CFXX77M' });
    expect(checkCreditCode('91350100M000100Y43')).toEqual({ ok: true, value: '91350100M000100Y43' });
    expect(checkCreditCode(' 9133 0108ma2b00000q ')).toEqual({ ok: true, value: '91330108MA2B00000Q' });
  });

  it('accepts valid codes starting with a letter', () => {
    expect(checkCreditCode('Y1330106MA2CX1234B')).toEqual({ ok: true, value: 'Y1330106MA2CX1234B' });
    expect(checkCreditCode('N2330106MA2CX1234G')).toEqual({ ok: true, value: 'N2330106MA2CX1234G' });
    expect(checkCreditCode('A1330106MA2CX12340')).toEqual({ ok: true, value: 'A1330106MA2CX12340' });
  });

  it('refuses a wrong check character', () => {
    expect(checkCreditCode('91330106MA2CFXX77A')).toEqual({ ok: false, problem: 'check' });
    expect(checkCreditCode('Y1330106MA2CX1234C')).toEqual({ ok: false, problem: 'check' });
  });

  it('refuses wrong length, letters outside the alphabet and a non-numeric region code', () => {
    expect(checkCreditCode('91330106MA2CFXX77')).toEqual({ ok: false, problem: 'length' });
    expect(checkCreditCode('91330106MA2CFXX77MM')).toEqual({ ok: false, problem: 'length' });
    // I, O, Z, S, V are not used.
    expect(checkCreditCode('91330106MA2CFOX77M')).toEqual({ ok: false, problem: 'chars' });
    expect(checkCreditCode('9133A106MA2CFXX77M')).toEqual({ ok: false, problem: 'region' });
  });

  it('computes the check character', () => {
    expect(creditCodeCheckChar('91330106MA2CFXX77')).toBe('M');
    expect(creditCodeCheckChar('Y1330106MA2CX1234')).toBe('B');
  });
});

describe('checkPhone', () => {
  it('accepts mobiles and landlines, removing +86, spaces and dashes', () => {
    expect(checkPhone('138 1234 1234')).toEqual({ ok: true, value: '13812341234' });
    expect(checkPhone('+86 13812341234')).toEqual({ ok: true, value: '13812341234' });
    expect(checkPhone('0571-87654321')).toEqual({ ok: true, value: '057187654321' });
  });

  it('refuses short numbers and numbers that are not mobiles', () => {
    expect(checkPhone('1381234')).toEqual({ ok: false, problem: 'format' });
    expect(checkPhone('12812341234')).toEqual({ ok: false, problem: 'format' });
    expect(checkPhone('abc')).toEqual({ ok: false, problem: 'format' });
  });
});

describe('checkIdNumber', () => {
  it('accepts a valid number with X and refuses a wrong check character', () => {
    expect(checkIdNumber('11010519491231002x')).toEqual({ ok: true, value: '11010519491231002X' });
    expect(checkIdNumber('110105194912310021')).toEqual({ ok: false, problem: 'check' });
    expect(checkIdNumber('1101051949123100')).toEqual({ ok: false, problem: 'format' });
  });
});

describe('formatTrackingCode', () => {
  it('groups by four and drops separators', () => {
    expect(formatTrackingCode('yanv8nqkwz9a')).toBe('YANV-8NQK-WZ9A');
    expect(formatTrackingCode('YANV 8NQK-WZ9A')).toBe('YANV-8NQK-WZ9A');
  });
});
