import { describe, expect, it } from '@jest/globals';
import { MAX_POINTS, checkAdjustment, checkIdempotencyKey, checkOpening, checkPoints } from './inputs.js';

describe('request checks', () => {
  it('points: a whole number 1..MAX_POINTS', () => {
    for (const bad of [0, -1, 1.5, MAX_POINTS + 1, Number.NaN])
      expect(() => checkPoints(bad)).toThrow(/points/);
    expect(() => checkPoints(1)).not.toThrow();
    expect(() => checkPoints(MAX_POINTS)).not.toThrow();
  });

  it('adjustments may be negative but not zero', () => {
    expect(() => checkAdjustment(-5)).not.toThrow();
    expect(() => checkAdjustment(0)).toThrow(/non-zero/);
    expect(() => checkAdjustment(-MAX_POINTS - 1)).toThrow();
  });

  it('idempotency keys are 1..128 characters', () => {
    expect(() => checkIdempotencyKey('')).toThrow(/idempotencyKey/);
    expect(() => checkIdempotencyKey('k'.repeat(129))).toThrow(/idempotencyKey/);
    expect(() => checkIdempotencyKey('k'.repeat(128))).not.toThrow();
  });

  it('opening balances may be zero, from a short lowercase source', () => {
    expect(() => checkOpening(0, 'crm')).not.toThrow();
    expect(() => checkOpening(-1, 'crm')).toThrow(/points/);
    expect(() => checkOpening(10, 'CRM')).toThrow(/source/);
  });
});
