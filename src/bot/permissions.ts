import { PermissionFlagsBits, PermissionsBitField, type Interaction } from 'discord.js';

/** What decides whether someone may run moderator commands: their permissions and roles in the guild. */
export interface MemberAuthority {
  /** The member's computed permissions in the channel, or null outside a guild. */
  permissions: bigint | null;
  roleIds: readonly string[];
}

/**
 * True for members with Manage Server (the permission `/reload` is registered with) or one of the
 * configured moderator roles. Checked again at run time because server admins can override who sees
 * a command, and because the registration alone is a client-side hint.
 */
export function isModerator(member: MemberAuthority, modRoleIds: readonly string[]): boolean {
  if (member.permissions === null) return false;
  if (new PermissionsBitField(member.permissions).has(PermissionFlagsBits.ManageGuild)) return true;
  return member.roleIds.some((id) => modRoleIds.includes(id));
}

/** Reads the member's authority from an interaction; outside a guild there is none. */
export function authorityOf(interaction: Interaction): MemberAuthority {
  const member = interaction.member;
  if (!interaction.inGuild() || !member) return { permissions: null, roleIds: [] };
  // A cached GuildMember has a role manager; an uncached member arrives as the raw API object.
  const roleIds = Array.isArray(member.roles) ? member.roles : [...member.roles.cache.keys()];
  return { permissions: interaction.memberPermissions?.bitfield ?? null, roleIds };
}
