export { FeedService, SEEN_LIMIT } from './feedService';
export type { AddedBy, FeedArticle, FeedInfo, FeedOptions } from './feedService';
export { FeedError } from './feedError';
export type { FeedErrorCode } from './feedError';
