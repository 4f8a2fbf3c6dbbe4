import { PermissionFlagsBits } from 'discord.js';
import { describe, expect, test } from 'vitest';
import { isModerator } from '../../src/bot/permissions.js';

const MOD_ROLE = '112233445566778899';
const member =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.UseApplicationCommands;

describe('isModerator', () => {
  test('is true with Manage Server', () => {
    expect(isModerator({ permissions: member | PermissionFlagsBits.ManageGuild, roleIds: [] }, [])).toBe(
      true,
    );
  });

  test('is true for an Administrator, who has every permission', () => {
    expect(isModerator({ permissions: PermissionFlagsBits.Administrator, roleIds: [] }, [])).toBe(true);
  });

  test('is true with a configured moderator role and no Manage Server', () => {
    expect(isModerator({ permissions: member, roleIds: ['1', MOD_ROLE] }, [MOD_ROLE])).toBe(true);
  });

  test('is false for a plain member', () => {
    expect(isModerator({ permissions: member, roleIds: ['1'] }, [MOD_ROLE])).toBe(false);
  });

  test('is false outside a guild, whatever the roles', () => {
    expect(isModerator({ permissions: null, roleIds: [MOD_ROLE] }, [MOD_ROLE])).toBe(false);
  });
});
