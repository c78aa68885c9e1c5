import { describe, expect, it } from 'vitest';
import { avatarInitial } from './initial';

describe('avatarInitial', () => {
  it('takes the first letter of the nickname, not of the user ID', () => {
    expect(avatarInitial('Ava 22', 'viewer_k3x9')).toBe('A');
    expect(avatarInitial('mia', 'viewer_1')).toBe('M');
    expect(avatarInitial('李雷', 'u1')).toBe('李');
    expect(avatarInitial('  ★ zoe', 'u1')).toBe('Z');
    expect(avatarInitial('Ёлка', 'u1')).toBe('Ё');
  });

  it('falls back to the user ID when the nickname has no letter, and to "?" when neither has one', () => {
    expect(avatarInitial('', 'viewer_k3x9')).toBe('V');
    expect(avatarInitial(undefined, 'kim')).toBe('K');
    expect(avatarInitial('🎉🎉', 'bob')).toBe('B');
    expect(avatarInitial('', '__')).toBe('?');
    expect(avatarInitial(undefined)).toBe('?');
  });
});
