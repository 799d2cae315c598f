import { describe, expect, it } from 'vitest';
import { TopicMatcher } from '../../src/alerts/topicMatcher';
import { reachable, unreachableShare } from '../../src/alerts/relatedWords';
import type { Article } from '../../src/library/article';
import { SentenceIndex } from '../../src/search/sentenceIndex';
import { Library } from '../../src/library/library';
import { makeArticle } from '../../src/library/makeArticle';

const story = (id: string, title: string, sentences: string[]) => makeArticle(id, sentences.join(' '), { title }, 'test');

// Four stories the topic "control orders" is plainly about: they share the words a reader would expect
// (detainees, terror suspects, Belmarsh, house arrest), which is what related words are read from.
const controlOrders = [0, 1, 2, 3].map((i) =>
  story(`control-${i}`, `Control orders plan ${['unveiled', 'debated', 'amended', 'passed'][i]}`, [
    `Control orders for terror suspects were ${['unveiled', 'debated', 'amended', 'passed'][i]} by ministers.`,
    'The detainees held at Belmarsh would be released under house arrest.',
    [
      'Critics said the detainees had never been charged.',
      'Judges were asked to review each case of the detainees.',
      'Lawyers for the detainees asked for a full hearing.',
      'Campaigners said the detainees deserved a trial.',
    ][i]!,
    [
      'Terror suspects could be tagged.',
      'Terror suspects might be kept from phones.',
      'Curfews would apply to terror suspects.',
      'Terror suspects would report to police daily.',
    ][i]!,
  ]),
);
const others = ['weather', 'football', 'museum', 'railway', 'harvest', 'orchestra'].map((subject, i) =>
  story(`other-${i}`, `Local ${subject} report`, [
    `The ${subject} season opened on Monday.`,
    `Visitors praised the ${subject} staff.`,
    `A new ${subject} plan is due in spring.`,
  ]),
);
// Said in other words: "orders" stands in the lead, "control" never, and the story is about the same detainees.
const appeal = story('appeal', 'Terror detainees win Lords appeal', [
  'The Law Lords ruled that the detention orders breached human rights.',
  'Nine detainees held at Belmarsh had appealed.',
  'Lawyers for the terror suspects welcomed the ruling.',
  'The detainees may now be placed under house arrest.',
  'Ministers said they would study the judgment.',
  'Human rights groups called it a landmark.',
]);
// The same word "orders" standing as prominently, in a story that shares nothing with the topic's articles.
const factory = story('factory', 'Factory orders rise', [
  'Factory orders rose sharply in March, figures showed.',
  'Makers of machine tools reported the strongest month.',
  'Exports of cars also grew.',
  'Economists expect the growth to slow.',
  'The pound fell slightly.',
  'Shares closed higher.',
]);

function fires(library: Library, articleId: string, topic: string, minScore: number) {
  const matcher = new TopicMatcher();
  matcher.add('t', topic, minScore, (term) => library.termWeight(term));
  return matcher.match(library.indexFor(null), library.get(articleId)!)[0];
}

describe('related words from the library complete a topic said in other words', () => {
  const library = new Library(new SentenceIndex<Article>(), [...controlOrders, ...others, appeal, factory]);

  it('fires "control orders" on "Terror detainees win Lords appeal", naming the related words that stood in', () => {
    const match = fires(library, 'appeal', 'control orders', 0.7);
    expect(match).toBeDefined();
    expect(match!.score).toBeGreaterThanOrEqual(0.7);
    expect(match!.reason).toMatch(/related words: \S+, \S+$/);
    expect(match!.reason).toMatch(/detainees|Belmarsh|terror|suspects/i);
  });

  it('does not fire on the same topic word in a story that shares none of the related words', () => {
    expect(fires(library, 'factory', 'control orders', 0.7)).toBeUndefined();
    expect(fires(library, 'factory', 'control orders', 0.5)).toBeUndefined();
  });

  it("takes the related words from the library: without the topic's own stories the appeal does not fire", () => {
    const bare = new Library(new SentenceIndex<Article>(), [...others, appeal, factory]);
    expect(fires(bare, 'appeal', 'control orders', 0.7)).toBeUndefined();
  });

  it('keeps min_score as the strictness: the strict setting asks more than related words can give', () => {
    expect(fires(library, 'appeal', 'control orders', 0.9)).toBeUndefined();
  });

  it('never lets related words fire a topic alone: its own words must carry a share of min_score first', () => {
    expect(reachable(0, 0.5)).toBe(false);
    expect(reachable(0.2, 0.5)).toBe(false);
    expect(reachable(0.3, 0.5)).toBe(true);
    expect(reachable(0.3, 0.7)).toBe(false);
    expect(reachable(0.5, 0.7)).toBe(true);
    // What the percolator may leave out stays below what can fire.
    for (const minScore of [0.3, 0.5, 0.7, 0.9, 1]) expect(reachable(unreachableShare(minScore) - 1e-9, minScore)).toBe(false);
  });

  it('shows the same decision in the /subscribe preview', () => {
    const preview = TopicMatcher.preview(library.indexFor(null), 'control orders', 0.7).map((m) => m.article.id);
    expect(preview).toContain('appeal');
    expect(preview).not.toContain('factory');
  });

  it('never stands in for a name: the context of "Genghis Khan" does not fire it on Kublai Khan', () => {
    const khans = [0, 1, 2, 3].map((i) =>
      story(`genghis-${i}`, `Genghis Khan ${['rises', 'rides west', 'takes Beijing', 'dies'][i]}`, [
        `Genghis Khan led the Mongol horsemen across the steppe in year ${1206 + i}.`,
        'The Mongol empire grew with each campaign of the khanate.',
        [
          'Tribes swore loyalty at the kurultai.',
          'Envoys brought tribute to the khanate.',
          'Cavalry archers won the day.',
          'His sons divided the empire.',
        ][i]!,
      ]),
    );
    const kublai = story('kublai', 'Kublai Khan founds a dynasty', [
      'Kublai Khan proclaimed a new dynasty for the Mongol empire.',
      'The khanate moved its capital to the steppe edge.',
      'Mongol horsemen guarded the roads.',
      'Court officials kept the records.',
    ]);
    const withKhans = new Library(new SentenceIndex<Article>(), [...khans, ...others, kublai]);
    expect(fires(withKhans, 'kublai', 'Genghis Khan', 0.5)).toBeUndefined();
    expect(fires(withKhans, 'kublai', 'Genghis Khan', 0.7)).toBeUndefined();
  });
});
