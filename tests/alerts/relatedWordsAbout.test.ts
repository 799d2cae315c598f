import { describe, expect, it } from 'vitest';
import { TopicMatcher } from '../../src/alerts/topicMatcher';
import type { Article } from '../../src/library/article';
import { SentenceIndex } from '../../src/search/sentenceIndex';
import { Library } from '../../src/library/library';
import { makeArticle } from '../../src/library/makeArticle';

const story = (id: string, title: string, sentences: string[]) => makeArticle(id, sentences.join(' '), { title }, 'test');

// Three stories about the Iraq war: the topic in the headline and the lead, and the words a reader expects with it.
const war = [
  ['Basra', 'The convoy left at dawn.', 'Rain slowed the trucks.'],
  ['Falluja', 'Engineers repaired a bridge.', 'The road was closed overnight.'],
  ['Najaf', 'Medics set up a field hospital.', 'Supplies arrived by air.'],
].map(([town, first, second], i) =>
  story(`war-${i}`, `Iraq war: troops move near ${town}`, [
    `The Iraq war reached ${town} as troops of the regiment moved in.`,
    'Soldiers said the troops were tired.',
    first!,
    second!,
  ]),
);
// Five election stories that name the Iraq war once, late in twelve sentences, in passing: the topic's words, not its subject.
const campaign = ['Leeds', 'Bristol', 'Derby', 'Luton', 'Exeter'].map((city, i) =>
  story(`campaign-${i}`, `Candidates canvass voters in ${city}`, [
    `Candidates in ${city} canvassed voters on the doorstep.`,
    'The ballot boxes will be counted overnight by the returning officer.',
    'Turnout among voters was expected to rise, canvassers said.',
    'Each candidate hopes the ballot goes their way.',
    'Postal ballot packs reached the constituency this week.',
    'Local hustings drew more voters than usual.',
    'A candidate spoke to voters at the market.',
    'Canvassers knocked on doors until dark.',
    'The ballot papers were printed last week.',
    'Voters queued at the polling station.',
    'Candidates thanked their canvassers.',
    'One candidate was asked about the Iraq war.',
  ]),
);
const others = ['weather', 'football', 'museum', 'railway', 'harvest', 'orchestra'].map((subject, i) =>
  story(`other-${i}`, `Local ${subject} report`, [
    `The ${subject} season opened on Monday.`,
    `Visitors praised the ${subject} staff.`,
    `A new ${subject} plan is due in spring.`,
  ]),
);
// The war said in other words: Iraq in the headline, troops and soldiers throughout, "war" never.
const deployment = story('deployment', 'Black Watch to move closer to Baghdad in Iraq', [
  'About 850 troops are to move from southern Iraq towards Baghdad.',
  'The soldiers will stay for weeks, the minister said.',
  'Families of the soldiers asked why the troops were needed.',
  'The regiment has served in Iraq before.',
  'MPs will question the minister on Monday.',
  'The move was requested by American commanders.',
]);
// Iraq in the headline of an election story: the passing mentions' words, not the war's.
const iraqiVote = story('iraqi-vote', 'Iraq votes: candidates court voters', [
  'Iraq held its first ballot as candidates courted voters.',
  'Turnout among voters was high, officials said.',
  'Each candidate waited for the ballot count.',
  'The returning officers counted overnight.',
  'Observers praised the hustings.',
  'Results are due within days.',
]);

function fires(library: Library, articleId: string, topic: string, minScore: number) {
  const matcher = new TopicMatcher();
  matcher.add('t', topic, minScore, (term) => library.termWeight(term));
  return matcher.match(library.indexFor(null), library.get(articleId)!)[0];
}

describe('related words come from the articles a topic is about, not every article that names it', () => {
  const library = new Library(new SentenceIndex<Article>(), [...war, ...campaign, ...others, deployment, iraqiVote]);

  it('completes "Iraq war" on a deployment story that never says "war", through the war stories\' words', () => {
    const match = fires(library, 'deployment', 'Iraq war', 0.7);
    expect(match).toBeDefined();
    expect(match!.reason).toMatch(/related words: .*(troops|soldiers)/i);
  });

  it('does not complete it on an election story through the words of stories that named the war in passing', () => {
    expect(fires(library, 'iraqi-vote', 'Iraq war', 0.7)).toBeUndefined();
    expect(fires(library, 'iraqi-vote', 'Iraq war', 0.5)).toBeUndefined();
  });
});
