/**
 * `npm run deploy-commands`: registers the slash commands with one bulk overwrite, in the guild named by
 * DISCORD_GUILD_ID (instant, for development) or globally. It uses the bot's own loader, so what is
 * registered is exactly what the bot serves. Run it again whenever a command's definition changes.
 */
import { REST, Routes } from 'discord.js';
import { ConfigError, loadConfig, requireDiscordSettings } from '../config.js';
import { createLogger } from '../logger.js';
import { CommandLoadError, loadCommands } from './load-commands.js';

const logger = createLogger('info');

try {
  const config = loadConfig();
  logger.level = config.LOG_LEVEL;
  const { token, clientId } = requireDiscordSettings(config);
  const commands = await loadCommands();
  const body = [...commands.values()].map((command) => command.data);

  const rest = new REST(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}).setToken(token);
  const guildId = config.DISCORD_GUILD_ID;
  const route = guildId
    ? Routes.applicationGuildCommands(clientId, guildId)
    : Routes.applicationCommands(clientId);
  const registered = (await rest.put(route, { body })) as { name: string }[];
  logger.info(
    { scope: guildId ? `guild ${guildId}` : 'global', commands: registered.map((c) => c.name) },
    guildId ? 'commands registered in the guild' : 'commands registered globally',
  );
} catch (err) {
  if (err instanceof ConfigError || err instanceof CommandLoadError) logger.fatal(err.message);
  else logger.fatal({ err }, 'could not register the commands');
  process.exitCode = 1;
}
