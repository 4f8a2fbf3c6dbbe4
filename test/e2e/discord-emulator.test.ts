import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { WebSocket } from 'ws';
import { DiscordEmulator } from './discord-emulator.js';
import { chatInputInteraction } from './payloads.js';
import { E2E } from './harness.js';

// The emulator is only as useful as it is faithful: these pin the Discord behaviours the bot's tests rely
// on, driven by hand (fetch and a raw WebSocket) rather than by discord.js.

const TOKEN = 'emulator-self-test-token-0123456789';
let emulator: DiscordEmulator;
let socket: WebSocket;

beforeAll(async () => {
  emulator = await DiscordEmulator.start({ token: TOKEN });
  socket = new WebSocket(`${emulator.gatewayUrl}?v=10&encoding=json`);
  await once(socket, 'open');
  socket.send(JSON.stringify({ op: 2, d: { token: TOKEN, intents: 1, properties: {} } }));
  await emulator.waitForFrame((f) => f.t === 'GUILD_CREATE');
});

afterAll(async () => {
  socket?.close();
  await emulator?.close();
});

function callback(id: string, token: string, type: number): Promise<Response> {
  return fetch(`${emulator.apiUrl}/v10/interactions/${id}/${token}/callback`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ type }),
  });
}

function ask(ageMs = 0) {
  const payload = chatInputInteraction(emulator.world, { commandId: emulator.commandId('ask'), name: 'ask' });
  return emulator.dispatchInteraction(payload, { ageMs });
}

describe('the Discord emulator', E2E, () => {
  test('answers IDENTIFY with READY listing the guild, then GUILD_CREATE', () => {
    const sent = emulator.gatewayFrames.filter((f) => f.direction === 'sent').map((f) => f.t ?? `op${f.op}`);
    expect(sent.slice(0, 3)).toEqual(['op10', 'READY', 'GUILD_CREATE']);
  });

  test('refuses a second acknowledgement with 40060', async () => {
    const interaction = ask();
    expect((await callback(interaction.id, interaction.token, 5)).status).toBe(204);
    const second = await callback(interaction.id, interaction.token, 4);
    expect(second.status).toBe(400);
    expect(await second.json()).toMatchObject({ code: 40060 });
  });

  test('refuses an acknowledgement after the 3-second window with 10062', async () => {
    const interaction = ask(3001);
    const late = await callback(interaction.id, interaction.token, 5);
    expect(late.status).toBe(404);
    expect(await late.json()).toMatchObject({ code: 10062, message: 'Unknown interaction' });
  });

  test('refuses an embed over Discord limits with 50035', async () => {
    const interaction = ask();
    await callback(interaction.id, interaction.token, 5);
    const response = await fetch(
      `${emulator.apiUrl}/v10/webhooks/${emulator.world.applicationId}/${interaction.token}/messages/%40original`,
      {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ embeds: [{ description: 'x'.repeat(4097) }] }),
      },
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 50035 });
  });

  test('requires the bot token on bot routes', async () => {
    expect((await fetch(`${emulator.apiUrl}/v10/gateway/bot`)).status).toBe(401);
    const ok = await fetch(`${emulator.apiUrl}/v10/gateway/bot`, {
      headers: { authorization: `Bot ${TOKEN}` },
    });
    expect(await ok.json()).toMatchObject({ url: emulator.gatewayUrl, shards: 1 });
  });
});
