import 'reflect-metadata';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ACHIEVEMENT_RULES, advance, EMPTY_PROGRESS, metRules, type ProgressActivity, type UserProgress } from './achievement.rules.js';

const login = (day: string): ProgressActivity => ({ kind: 'login', day });
const replay = (activities: ProgressActivity[]): UserProgress => activities.reduce(advance, EMPTY_PROGRESS);
const codes = (progress: UserProgress): string[] => metRules(progress).map((rule) => rule.code);

describe('achievement rules', () => {
  it('awards nothing without activity', () => {
    assert.deepEqual(codes(EMPTY_PROGRESS), []);
  });

  it('awards first_login after one login', () => {
    assert.deepEqual(codes(replay([login('2025-03-01')])), ['first_login']);
  });

  it('awards profile_completed after the first profile update only', () => {
    assert.deepEqual(codes(replay([{ kind: 'profile-update' }])), ['profile_completed']);
  });

  it('needs three distinct days for regular_reader, however many logins', () => {
    const sameDay = replay([login('2025-03-01'), login('2025-03-01'), login('2025-03-01'), login('2025-03-02')]);
    assert.equal(sameDay.logins, 4);
    assert.deepEqual(sameDay.loginDays, ['2025-03-01', '2025-03-02']);
    assert.ok(!codes(sameDay).includes('regular_reader'));
    const threeDays = advance(sameDay, login('2025-02-27'));
    assert.deepEqual(threeDays.loginDays, ['2025-02-27', '2025-03-01', '2025-03-02']);
    assert.deepEqual(codes(threeDays), ['first_login', 'regular_reader']);
  });

  it('leaves the input progress untouched', () => {
    const before = replay([login('2025-03-01')]);
    const snapshot = structuredClone(before);
    advance(before, login('2025-03-02'));
    advance(before, { kind: 'profile-update' });
    assert.deepEqual(before, snapshot);
  });

  it('has unique rule codes', () => {
    const all = ACHIEVEMENT_RULES.map((rule) => rule.code);
    assert.equal(new Set(all).size, all.length);
  });
});
