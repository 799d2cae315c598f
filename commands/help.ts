import { SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/commands';
import { helpReply } from '../src/replies/help';

export const command: Command = {
  data: new SlashCommandBuilder().setName('help').setDescription('What Policy Desk does and every command'),
  execute: (ctx) => helpReply(ctx.services.commands(), ctx),
};
