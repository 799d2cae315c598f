import { citation } from './format';
import type { Reply } from '../reply';
import type { DigestMessage } from '../alerts/alertService';

/** Lines listed in a digest; the rest are counted (an embed holds about 4,000 characters). */
const LISTED = 15;

/** A burst of alerts for one channel as one message: each article with the topic it matched. */
export function alertDigestReply({ digest }: DigestMessage): Reply {
  const shown = digest.slice(0, LISTED);
  const more = digest.length - shown.length;
  return {
    tone: 'info',
    title: `${digest.length} new articles on this channel’s topics`,
    text: ['Many articles arrived at once, so their alerts come together.'],
    items: shown.map(({ subscription, article, score }) =>
      `“${subscription.topic}” (match ${Math.round(score * 100)}%): ${citation({ ...article, articleId: article.id })} · /article read id:${article.id}`.slice(
        0,
        300,
      ),
    ),
    footer: `${more > 0 ? `and ${more} more · /articles lists them · ` : ''}Policy Desk alerts · /unsubscribe to stop`,
  };
}
