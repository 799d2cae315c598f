import { DiscordAPIError, HTTPError, RESTJSONErrorCodes, Routes, type APIMessage, type Client } from 'discord.js';
import type { PostResult, ThreadResult } from '../alerts/types';
import type { Reply } from '../reply';
import { render } from './render';
import { threadName } from './threadName';

// Errors that will not go away by retrying: the subscription is paused with this reason.
const permanent: Partial<Record<number, string>> = {
  [RESTJSONErrorCodes.UnknownChannel]: 'the channel no longer exists',
  [RESTJSONErrorCodes.MissingAccess]: 'the bot cannot see this channel',
  [RESTJSONErrorCodes.MissingPermissions]: 'the bot may not post in this channel (it needs View Channel, Send Messages and Embed Links)',
  [RESTJSONErrorCodes.CannotSendMessagesInNonTextChannel]: 'the channel does not take messages',
};

/**
 * Posts an alert through discord.js's REST queue, which waits out rate limits
 * and retries server errors as Discord asks. The nonce with enforce_nonce
 * makes Discord return the earlier message if this alert was already posted
 * before a crash, instead of posting it twice.
 */
export function discordPoster(
  client: Client,
): (channelId: string, reply: Reply, nonce: string, thread?: { name: string }) => Promise<PostResult> {
  return async (channelId, reply, nonce, thread) => {
    const { embeds, components } = render(reply);
    let message: APIMessage;
    try {
      message = (await client.rest.post(Routes.channelMessages(channelId), {
        body: { embeds, components, allowed_mentions: { parse: [] }, nonce, enforce_nonce: true },
      })) as APIMessage;
    } catch (error) {
      if (error instanceof DiscordAPIError) {
        const reason = permanent[Number(error.code)];
        if (reason) return { ok: false, permanent: true, reason };
        if (error.status === 403 || error.status === 404)
          return { ok: false, permanent: true, reason: `Discord refused the post (${error.status}: ${error.message})` };
        return { ok: false, permanent: false, reason: `Discord said ${error.status}: ${error.message}` };
      }
      if (error instanceof HTTPError) return { ok: false, permanent: false, reason: `Discord answered ${error.status}` };
      return {
        ok: false,
        permanent: false,
        reason: (error as Error).name === 'AbortError' ? 'Discord did not answer in time' : (error as Error).message,
      };
    }
    // Posted: from here on nothing may make the alert fail (and post again), so the thread's own failure is only reported.
    return { ok: true, messageId: message.id, ...(thread ? { thread: await startThread(client, channelId, message, thread.name) } : {}) };
  };
}

/**
 * Opens a public thread on an alert message. A message that already has one
 * (the post was a repeat, answered with the earlier message by its nonce)
 * keeps it: Discord allows one thread per message.
 */
async function startThread(client: Client, channelId: string, message: APIMessage, title: string): Promise<ThreadResult> {
  if (message.thread) return { id: message.thread.id };
  try {
    const thread = (await client.rest.post(Routes.threads(channelId, message.id), { body: { name: threadName(title) } })) as { id: string };
    return { id: thread.id };
  } catch (error) {
    if (error instanceof DiscordAPIError) {
      // A thread started from a message has the message's id.
      if (Number(error.code) === RESTJSONErrorCodes.ThreadAlreadyCreatedForMessage) return { id: message.id };
      if (Number(error.code) === RESTJSONErrorCodes.MissingPermissions)
        return { error: 'the bot lacks Create Public Threads in this channel' };
      return { error: `Discord said ${error.status}: ${error.message}` };
    }
    return { error: error instanceof HTTPError ? `Discord answered ${error.status}` : (error as Error).message };
  }
}
