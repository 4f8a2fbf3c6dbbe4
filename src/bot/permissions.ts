import { PermissionFlagsBits, PermissionsBitField, type Interaction } from 'discord.js';
import { UserError } from '../errors.js';

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

/**
 * Throws a UserError unless the interaction comes from a server listed in `knowledgeGuilds` and from one
 * of its moderators. The knowledge base is shared by every server the bot is in, so a moderator of any
 * server that invited it must not be able to change what the others are answered from.
 */
export function assertMayChangeKnowledge(
  interaction: Interaction,
  knowledgeGuilds: readonly string[],
  modRoleIds: readonly string[],
): void {
  if (!interaction.guildId || !knowledgeGuilds.includes(interaction.guildId))
    throw new UserError(
      'The knowledge base can only be changed from the servers it belongs to (KNOWLEDGE_GUILD_IDS).',
    );
  if (!isModerator(authorityOf(interaction), modRoleIds))
    throw new UserError(
      'Only moderators can change the knowledge base (Manage Server permission or a moderator role).',
    );
}
