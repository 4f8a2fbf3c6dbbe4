import { randomBytes } from 'node:crypto';
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ChannelType,
  ComponentType,
  GuildMemberFlags,
  InteractionContextType,
  InteractionType,
  Locale,
  MessageType,
  PermissionFlagsBits,
  type APIApplicationCommandAutocompleteGuildInteraction,
  type APIApplicationCommandInteractionDataBasicOption,
  type APIApplicationCommandInteractionDataOption,
  type APIChatInputApplicationCommandGuildInteraction,
  type APITextChannel,
  type APIInteractionGuildMember,
  type APIMessage,
  type APIMessageApplicationCommandInteraction,
  type APIMessageComponentButtonInteraction,
  type APIUser,
} from 'discord.js';

// Builders for the payloads Discord itself sends over the gateway, typed with discord-api-types so the
// compiler holds them to Discord's shapes; discord.js turns them into its objects exactly as in production.

const DISCORD_EPOCH = 1_420_070_400_000n;
let increment = 0n;

/** A fresh snowflake for the current time (19 digits, as @discordjs/rest expects for route buckets). */
export function snowflake(): string {
  increment = (increment + 1n) % 4096n;
  return (((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | increment).toString();
}

/** A token shaped like Discord's: long, URL-safe, unguessable. */
export function interactionToken(): string {
  return `aW50ZXJhY3Rpb246${randomBytes(48).toString('base64url')}`;
}

/** The fixed cast of one emulated Discord: an application, its bot user, one guild and one text channel. */
export interface World {
  applicationId: string;
  botUser: APIUser;
  guildId: string;
  channel: APITextChannel;
  everyoneRoleId: string;
  moderatorRoleId: string;
}

/** Creates the ids of one emulated Discord. */
export function createWorld(): World {
  const applicationId = snowflake();
  const guildId = snowflake();
  return {
    applicationId,
    botUser: {
      id: applicationId,
      username: 'News Desk',
      discriminator: '0',
      global_name: null,
      avatar: null,
      bot: true,
    },
    guildId,
    channel: {
      id: snowflake(),
      type: ChannelType.GuildText,
      guild_id: guildId,
      name: 'news',
      position: 0,
      permission_overwrites: [],
      nsfw: false,
      parent_id: null,
      topic: null,
      last_message_id: null,
      rate_limit_per_user: 0,
    },
    everyoneRoleId: guildId,
    moderatorRoleId: snowflake(),
  };
}

/** Permissions of an ordinary member: read, write and use slash commands, nothing more. */
export const MEMBER_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.UseApplicationCommands;

/** An ordinary member plus Manage Server, the permission `/reload` is registered with. */
export const MODERATOR_PERMISSIONS = MEMBER_PERMISSIONS | PermissionFlagsBits.ManageGuild;

/** A guild member as it appears inside an interaction (with its computed permissions). */
export function guildMember(
  options: { userId?: string; username?: string; permissions?: bigint; roles?: string[] } = {},
): APIInteractionGuildMember {
  const id = options.userId ?? snowflake();
  return {
    user: {
      id,
      username: options.username ?? `reader_${id.slice(-4)}`,
      discriminator: '0',
      global_name: null,
      avatar: null,
    },
    roles: options.roles ?? [],
    permissions: (options.permissions ?? MEMBER_PERMISSIONS).toString(),
    joined_at: new Date(Date.now() - 86_400_000).toISOString(),
    deaf: false,
    mute: false,
    flags: GuildMemberFlags.CompletedOnboarding,
    pending: false,
    nick: null,
    avatar: null,
    premium_since: null,
    banner: null,
  };
}

/** A member with Manage Server, named so logs can be checked for who changed the knowledge base. */
export function moderator(): APIInteractionGuildMember {
  return guildMember({ permissions: MODERATOR_PERMISSIONS, username: 'mod_alice' });
}

/** A string option as the user submitted it. */
export function stringOption(name: string, value: string): APIApplicationCommandInteractionDataBasicOption {
  return { name, type: ApplicationCommandOptionType.String, value };
}

function interactionBase(world: World, member: APIInteractionGuildMember) {
  return {
    id: snowflake(),
    application_id: world.applicationId,
    token: interactionToken(),
    version: 1 as const,
    guild_id: world.guildId,
    guild: { id: world.guildId, locale: Locale.EnglishUS, features: [] },
    guild_locale: Locale.EnglishUS,
    channel_id: world.channel.id,
    channel: world.channel,
    member,
    locale: Locale.EnglishGB,
    app_permissions: (MEMBER_PERMISSIONS | PermissionFlagsBits.SendMessagesInThreads).toString(),
    // discord.js 14.28 reads both of these unconditionally; Discord always sends them.
    entitlements: [],
    authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: world.guildId },
    context: InteractionContextType.Guild,
    attachment_size_limit: 10 * 1024 * 1024,
  };
}

/** A slash command invocation, as in INTERACTION_CREATE. */
export function chatInputInteraction(
  world: World,
  options: {
    commandId: string;
    name: string;
    options?: APIApplicationCommandInteractionDataOption[];
    resolved?: Record<string, unknown>;
    member?: APIInteractionGuildMember;
  },
): APIChatInputApplicationCommandGuildInteraction {
  return {
    ...interactionBase(world, options.member ?? guildMember()),
    type: InteractionType.ApplicationCommand,
    data: {
      id: options.commandId,
      name: options.name,
      type: ApplicationCommandType.ChatInput,
      guild_id: world.guildId,
      ...(options.options ? { options: options.options } : {}),
      ...(options.resolved ? { resolved: options.resolved } : {}),
    },
  };
}

/** Keystrokes in an autocomplete option, as in INTERACTION_CREATE: the focused option carries `focused`. */
export function autocompleteInteraction(
  world: World,
  options: {
    commandId: string;
    name: string;
    option: string;
    typed: string;
    member?: APIInteractionGuildMember;
  },
): APIApplicationCommandAutocompleteGuildInteraction {
  return {
    ...interactionBase(world, options.member ?? guildMember()),
    type: InteractionType.ApplicationCommandAutocomplete,
    data: {
      id: options.commandId,
      name: options.name,
      type: ApplicationCommandType.ChatInput,
      guild_id: world.guildId,
      options: [
        {
          name: options.option,
          type: ApplicationCommandOptionType.String,
          value: options.typed,
          focused: true,
        },
      ],
    },
  };
}

/** A boolean option as the member submitted it. */
export function booleanOption(name: string, value: boolean): APIApplicationCommandInteractionDataBasicOption {
  return { name, type: ApplicationCommandOptionType.Boolean, value };
}

/** A click on a button under one of the bot's messages, as in INTERACTION_CREATE. */
export function buttonInteraction(
  world: World,
  options: { customId: string; message: Record<string, unknown>; member?: APIInteractionGuildMember },
): APIMessageComponentButtonInteraction {
  return {
    ...interactionBase(world, options.member ?? guildMember()),
    type: InteractionType.MessageComponent,
    message: options.message as unknown as APIMessage,
    data: { custom_id: options.customId, component_type: ComponentType.Button },
  };
}

/** "Apps → <name>" on a member's message, as in INTERACTION_CREATE. */
export function messageCommandInteraction(
  world: World,
  options: { commandId: string; name: string; content: string; member?: APIInteractionGuildMember },
): APIMessageApplicationCommandInteraction {
  const author = guildMember().user;
  const target: APIMessage = {
    id: snowflake(),
    type: MessageType.Default,
    channel_id: world.channel.id,
    author,
    content: options.content,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    pinned: false,
  };
  return {
    ...interactionBase(world, options.member ?? guildMember()),
    type: InteractionType.ApplicationCommand,
    data: {
      id: options.commandId,
      name: options.name,
      type: ApplicationCommandType.Message,
      guild_id: world.guildId,
      target_id: target.id,
      resolved: { messages: { [target.id]: target } },
    },
  };
}

/** `/article add file:` style invocation data: an attachment option and its resolved attachment. */
export function attachmentOption(
  name: string,
  attachment: Record<string, unknown>,
): { option: APIApplicationCommandInteractionDataBasicOption; resolved: Record<string, unknown> } {
  return {
    option: { name, type: ApplicationCommandOptionType.Attachment, value: String(attachment.id) },
    resolved: { attachments: { [String(attachment.id)]: attachment } },
  };
}
