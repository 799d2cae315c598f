import { CONSOLE_SCOPE, type Viewer } from '../library/library';

/** The library viewer whose articles a guild's alert file may quote (the console's subscriptions are filed without a guild). */
export const viewerOfGuild = (guildId: string | null): Viewer => guildId ?? CONSOLE_SCOPE;

/** The alert file a viewer's own articles may alert in. */
export const guildOfOwner = (owner: string): string | null => (owner === CONSOLE_SCOPE ? null : owner);
