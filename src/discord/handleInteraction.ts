import type { AutocompleteInteraction, ButtonInteraction, ChatInputCommandInteraction, Interaction } from 'discord.js';
import type { CommandRunner } from '../command/run';
import { splitButtonId } from '../command/buttonIds';
import type { Logger } from '../log';
import type { Reply } from '../reply';
import { invocationOf, invokedOf } from './invocation';
import { defer } from './acknowledge';
import { respond } from './respond';
import { outcomeOf } from '../replies/outcome';

/** Discord drops an interaction not acknowledged within 3 s; past this, we defer and keep working. */
export const DEFER_AFTER_MS = 2000;

const SLOW = Symbol('slow');

async function withDeadline(work: Promise<Reply>, onSlow: () => Promise<unknown>): Promise<Reply> {
  let timer: NodeJS.Timeout | undefined;
  const slow = new Promise<typeof SLOW>((resolve) => (timer = setTimeout(() => resolve(SLOW), DEFER_AFTER_MS)));
  const first = await Promise.race([work, slow]);
  clearTimeout(timer);
  if (first !== SLOW) return first;
  await onSlow();
  return work;
}

function where(interaction: Interaction) {
  return { guild: interaction.guildId ?? 'dm', channel: interaction.channelId ?? null, user: interaction.user.id };
}

// What users typed (questions, terms, topics) stays out of the logs unless the operator sets LOG_QUESTIONS.
function typed(interaction: Interaction, runner: CommandRunner) {
  return runner.services.config.logQuestions && interaction.isChatInputCommand() ? { options: invokedOf(interaction).options } : {};
}

/** Called when Discord has the interaction's first response (a deferral or the reply); the first call counts. */
type Acknowledged = () => void;

async function onCommand(
  interaction: ChatInputCommandInteraction,
  runner: CommandRunner,
  log: Logger,
  acknowledged: Acknowledged,
): Promise<string> {
  // One deferral, whether the command asked for it up front or the deadline forced it.
  let deferral: Promise<void> | undefined;
  const deferOnce = () => (deferral ??= defer(interaction, log).then(acknowledged));
  const work = runner.run(invokedOf(interaction), invocationOf(interaction), async (command) => {
    if (command.slow) await deferOnce();
  });
  const reply = await withDeadline(work, deferOnce);
  await respond(interaction, reply, log);
  acknowledged();
  return outcomeOf(reply);
}

async function onButton(interaction: ButtonInteraction, runner: CommandRunner, log: Logger, acknowledged: Acknowledged): Promise<string> {
  const reply = await withDeadline(runner.button(interaction.customId, invocationOf(interaction)), () =>
    defer(interaction, log, 'update').then(acknowledged),
  );
  await respond(interaction, reply, log);
  acknowledged();
  return outcomeOf(reply);
}

async function onAutocomplete(interaction: AutocompleteInteraction, runner: CommandRunner): Promise<string> {
  const focused = interaction.options.getFocused(true);
  const choices = await runner.autocomplete(invokedOf(interaction), invocationOf(interaction), {
    name: focused.name,
    value: String(focused.value),
  });
  await interaction.respond(choices);
  return `${choices.length} choices`;
}

/** Routes one interaction to the command layer and logs one line for it. */
export async function handleInteraction(interaction: Interaction, runner: CommandRunner, log: Logger): Promise<void> {
  const started = performance.now();
  let kind = 'other';
  let name = '';
  let firstResponseMs: number | undefined;
  const acknowledged = () => void (firstResponseMs ??= Math.round(performance.now() - started));
  try {
    let outcome = 'ignored';
    if (interaction.isChatInputCommand()) {
      kind = 'command';
      name = interaction.commandName;
      outcome = await onCommand(interaction, runner, log, acknowledged);
    } else if (interaction.isButton()) {
      kind = 'button';
      name = splitButtonId(interaction.customId).command;
      outcome = await onButton(interaction, runner, log, acknowledged);
    } else if (interaction.isAutocomplete()) {
      kind = 'autocomplete';
      name = interaction.commandName;
      outcome = await onAutocomplete(interaction, runner);
    }
    log.info('interaction', {
      kind,
      command: name,
      ...where(interaction),
      ...typed(interaction, runner),
      latencyMs: Math.round(performance.now() - started),
      firstResponseMs,
      outcome,
    });
  } catch (error) {
    // Discord refused our reply (expired token, lost permission, outage): nothing to tell the user through.
    log.error('interaction_failed', {
      kind,
      command: name,
      ...where(interaction),
      latencyMs: Math.round(performance.now() - started),
      error: (error as Error).message,
    });
  }
}
