/** Why a feed could not be added or read. */
export type FeedErrorCode =
  | 'invalid_url'
  | 'refused_address'
  | 'network'
  | 'timeout'
  | 'too_big'
  | 'too_many_redirects'
  | 'redirect_loop'
  | 'http_status'
  | 'not_a_feed'
  | 'malformed'
  | 'storage'
  | 'already_followed'
  | 'stopped';

/**
 * A feed problem with a message meant for the person who gave the address
 * (polite, plain, no stack): the command layer can show `message` as it is,
 * and `list()` shows it as the feed's last error.
 */
export class FeedError extends Error {
  override readonly name = 'FeedError';

  constructor(
    readonly code: FeedErrorCode,
    message: string,
    /** Seconds the server asked us to wait (Retry-After on 429/503), when it said so. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
  }
}
