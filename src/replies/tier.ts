import type { Tier } from '../answer/types';

/**
 * How each kind of reply presents itself, in one place for every adapter and
 * for /history. Uncertain passages are never titled as the answer.
 */
export const tierWording = {
  answer: { history: '' },
  uncertain: {
    title: 'These passages may help; none clearly answers the question',
    text: 'I could not find a sentence that clearly answers this. The closest passages are below; check them before relying on them.',
    history: 'uncertain: ',
  },
  none: { title: 'No good answer', history: 'no good answer' },
} as const;

/** The footer under quotes: the confidence is the fitted chance that the first quote answers the question. */
export function confidenceFooter(tier: Exclude<Tier, 'none'>, confidence: number): string {
  const percent = `${Math.round(confidence * 100)}%`;
  return tier === 'answer'
    ? `Confidence ${percent} · quoted verbatim from the articles`
    : `Chance the first passage answers: ${percent} · quoted verbatim from the articles`;
}

/** A history entry recorded before tiers existed has only `answered`. */
export function tierOf(entry: { tier?: Tier; answered: boolean }): Tier {
  return entry.tier ?? (entry.answered ? 'answer' : 'none');
}
