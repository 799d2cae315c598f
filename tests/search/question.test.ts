import { describe, expect, it } from 'vitest';
import { termOf, tokens } from '../../src/search/analyzer';
import { answerType, offersAnswerType, QuestionReader, withoutAskingIdioms, withoutChatSpellings } from '../../src/search/question';
import { SentenceIndex } from '../../src/search/sentenceIndex';

describe('reading a question', () => {
  it('tells what kind of answer it asks for from its raw words', () => {
    expect(answerType('When did Hayashi meet Blinken?')).toBe('time');
    expect(answerType('In what year was the treaty signed?')).toBe('time');
    expect(answerType('How many ballistic missiles were fired?')).toBe('number');
    expect(answerType('What percentage of the budget goes to defence?')).toBe('number');
    expect(answerType('Who chairs the working group?')).toBe('person');
    expect(answerType('Which city hosted the talks?')).toBe('place');
    expect(answerType('What did they agree on?')).toBe('other');
  });

  it('reads question words typed without their apostrophe, as real queries are', () => {
    expect(answerType('whos the new trade minister')).toBe('person');
    expect(answerType('whens the next election')).toBe('time');
    expect(answerType('wheres the summit')).toBe('place');
    expect(answerType('whatsapp ban who ordered it')).toBe('person');
  });

  it('drops conversational filler from the search words, and only that', () => {
    const words = (q: string) => SentenceIndex.queryTerms(q).map((t) => t.term);
    expect(words('do you reckon the senate passes the bill')).toEqual(words('the senate passes the bill'));
    expect(words("who's the guy who runs the fed")).toEqual(words('who runs the fed'));
    expect(words('I wonder when the lady that chairs the panel took office')).toEqual(words('when the chairs the panel took office'));
    expect(words('any idea how many seats labour won pls')).toEqual(words('how many seats labour won'));
    // The same words asked about, not around the question, stay.
    expect(words('day of reckoning for the guy fawkes plotters')).toContain('gui');
    expect(words('the seventh wonder of the world')).toContain('wonder');
    expect(words('what did the guy say')).toContain('gui');
    expect(answerType('do you reckon the guy who runs the fed will stay')).toBe('person');
  });

  it('reads a name asked for by its kind ("which minister", "what company") as a person, and plural places as places', () => {
    expect(answerType('which brazilian minister went to the funeral')).toBe('person');
    expect(answerType('what company did the research')).toBe('person');
    expect(answerType('which countries does the warning cover')).toBe('place');
    expect(answerType('what % did yushchenko get in the re-run')).toBe('number');
    // A time or a number asked that way stays a time or a number.
    expect(answerType('which day did the minister resign')).toBe('time');
    expect(answerType('what kind of submarine was it')).toBe('other');
  });

  it('says chat spellings in full for the search words and the answer type', () => {
    const words = (q: string) => SentenceIndex.queryTerms(q).map((t) => t.term);
    expect(words('how many ppl marched in ottawa')).toEqual(words('how many people marched in ottawa'));
    expect(words("who's gonna be ceo after the merger")).toEqual(words('who be ceo after the merger'));
    expect(words('why didnt the un act')).toEqual(words("why didn't the un act"));
    expect(words('wot did the govt say')).toEqual(words('what did the government say'));
    expect(answerType('wot year did it start')).toBe('time');
    // A capitalised spelling is a name, and the ones that are names too often are not rewritten at all.
    expect(words('what did PPL say about music licensing')).toContain('ppl');
    expect(words('who was le duc tho')).toContain('tho');
    expect(words('where is ur of the chaldees')).toContain('ur');
    expect(words('what did wat tyler want')).toContain('wat');
    // Words that only contain a chat spelling are left alone.
    expect(words('the apple harvest')).toContain('appl');
    expect(words('pplx and govts')).toContain('pplx');
  });

  it('reads the chat spellings that are names too as chat only where the library does not use the word', () => {
    const words = (q: string) => SentenceIndex.queryTerms(q).map((t) => t.term);
    const nowhere = () => false;
    expect(words(withoutChatSpellings('so wat did japan n the us say abt china lol', nowhere))).toEqual(
      words('so what did japan and the us say about china'),
    );
    expect(withoutChatSpellings('r u sure ur govt said that tho', nowhere).split(/\s+/)).toEqual(
      'are you sure your government said that '.split(/\s+/),
    );
    expect(answerType(withoutChatSpellings('wat year did ur party win', nowhere))).toBe('time');
    expect(withoutChatSpellings('y did blunkett resign', nowhere)).toBe('why did blunkett resign');
    expect(withoutChatSpellings('did generation y vote', nowhere)).toBe('did generation y vote');
    // In a question written with capitals a single letter is a variable or an initial, not chat.
    expect(withoutChatSpellings('What theorem states that a number n is prime?', nowhere)).toBe(
      'What theorem states that a number n is prime?',
    );
    // A library that names Le Duc Tho or Wat Tyler keeps the word as typed; so does a reading without a library.
    const names = new Set(['tho', 'wat']);
    expect(withoutChatSpellings('who was le duc tho', (word) => names.has(word))).toBe('who was le duc tho');
    expect(withoutChatSpellings('what did wat tyler want', (word) => names.has(word))).toBe('what did wat tyler want');
    expect(withoutChatSpellings('what did they say abt it tho')).toBe('what did they say abt it tho');
    // Capitalised, a spelling is a name; inside "u.s." or "n." a letter is no word of its own.
    expect(withoutChatSpellings('Ur and the u.s. n. korea policy LOL', nowhere)).toBe('Ur and the u.s. n. korea policy LOL');
  });

  it('leaves the idioms of asking out of the search words, and the same nouns asked about in', () => {
    const words = (q: string) => SentenceIndex.queryTerms(q).map((t) => t.term);
    expect(words("what's the deal with taiwan")).toEqual(['taiwan']);
    expect(words(withoutAskingIdioms('whats the deal with taiwan'))).toEqual(['taiwan']);
    expect(words("what's going on with the rail strike")).toEqual(words('the rail strike'));
    expect(words('any news on the council tax rise')).toEqual(words('the council tax rise'));
    expect(words('fill me in on the hunting ban')).toEqual(words('the hunting ban'));
    expect(words('who did ESPN sign a deal with in 2005')).toContain('deal');
    expect(words('what deal with iran did the president sign')).toContain('deal');
    expect(words('what was the deal with iran about')).toContain('deal');
    expect(words('is there any news coverage of the strike')).toContain('new');
    expect(words('yo la tengo theres a riot going on release date')).toContain('go');
  });

  it('finds that kind of answer in a sentence only when the question does not already say it', () => {
    const words = (q: string) => new Set(q.toLowerCase().match(/[a-z0-9]+/g));
    expect(offersAnswerType('The talks were held in March 2023.', 'time', words('When were the talks held?'))).toBe(true);
    expect(offersAnswerType('The talks were held in the capital.', 'time', words('When were the talks held?'))).toBe(false);
    expect(offersAnswerType('North Korea fired two missiles.', 'number', words('How many missiles did North Korea fire?'))).toBe(true);
    expect(offersAnswerType('The budget for 2024 was approved.', 'number', words('How big is the 2024 budget?'))).toBe(false);
    expect(offersAnswerType('The group is chaired by Tokyo.', 'person', words('Who chairs the group?'))).toBe(true);
    expect(offersAnswerType('The group is chaired by Tokyo.', 'person', words('Does Tokyo chair the group?'))).toBe(false);
  });

  it('does not take a date for a count, nor miss a clock time or a time said relative to the story', () => {
    const words = (q: string) => new Set(q.toLowerCase().match(/[a-z0-9]+/g));
    const howMany = words('how many people were in the delegation');
    expect(offersAnswerType('The delegation returned today, November 13, 2004.', 'number', howMany)).toBe(false);
    expect(offersAnswerType('The delegation returned on 13 Nov 2004.', 'number', howMany)).toBe(false);
    expect(offersAnswerType('The delegation of 14 returned on November 13.', 'number', howMany)).toBe(true);
    expect(offersAnswerType('They raised about $800,000 by December 2004.', 'number', words('how much did they raise'))).toBe(true);
    const when = words('what time did they meet');
    expect(offersAnswerType('The presidents met at 5:30 PM.', 'time', when)).toBe(true);
    expect(offersAnswerType('He will publish the evidence early next year.', 'time', when)).toBe(true);
    expect(offersAnswerType('The presidents met at the palace.', 'time', when)).toBe(false);
  });

  it('counts shared word pairs once each, and the words the question lacks', () => {
    const reader = new QuestionReader('What did the Court of Justice say about member states?');
    expect(reader.sharedPairs(['the', 'court', 'of', 'justice', 'said', 'that', 'member', 'states', 'and', 'the', 'court'])).toBe(4);
    expect(reader.sharedPairs(['nothing', 'here'])).toBe(0);
    expect(reader.novelTerms(['the', 'court', 'reasoned', 'that', 'drugs', 'were', 'controlled'].map(termOf))).toBe(3);
  });

  it('does not count a pair holding a word that asks: it repeats the question’s form, not its subject', () => {
    const reader = new QuestionReader('how many people are in prison');
    expect(reader.sharedPairs(['too', 'many', 'people', 'are', 'sent', 'to', 'prison'])).toBe(1);
    expect(reader.sharedPairs(['people', 'are', 'in', 'prison'])).toBe(3);
  });

  it('tells an amount from a count for "how much"', () => {
    const reader = new QuestionReader('how much help do pensioners get with council tax');
    expect(reader.offersCountOnly('The three main parties each promise help with council tax bills.')).toBe(true);
    expect(reader.offersCountOnly('Pensioner households will receive £200 to help with their council tax bills.')).toBe(false);
    expect(reader.offersCountOnly('The three parties met on 5 May 2005.')).toBe(true);
    // "How many" asks for a count: three is one.
    expect(new QuestionReader('how many parties promise help').offersCountOnly('The three main parties promise help.')).toBe(false);
  });

  it('finds the sentence whose subject is what "what is X" asks about', () => {
    const reader = new QuestionReader('what is the minimum wage');
    expect(reader.saysWhatSubjectIs(tokens('The minimum wage will rise to £5.35 an hour.'))).toBe(true);
    expect(reader.saysWhatSubjectIs(tokens('Tax credits and the minimum wage had lifted children out of poverty.'))).toBe(false);
    expect(new QuestionReader('who is the chancellor').saysWhatSubjectIs(tokens('The chancellor is Gordon Brown.'))).toBe(false);
  });
});
