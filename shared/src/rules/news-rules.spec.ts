import { NEWS_ACTION_LABEL, NewsAction } from '../news.js';
import { NEWS_ACTION_ACTOR, NEWS_INITIAL_STATE, NEWS_STATES, NEWS_TRANSITIONS, newsEditable } from './news-rules.js';
import { allowedActions, assertTableSound, StepOutOfOrderError, transition } from './vote-machine.js';

describe('党建动态 review table', () => {
  it('is sound: every state reachable from draft, every target a state', () => {
    expect(() => assertTableSound('news', NEWS_TRANSITIONS, NEWS_INITIAL_STATE, NEWS_STATES)).not.toThrow();
  });

  it.each([
    ['draft', 'submit', 'submitted'],
    ['submitted', 'publish', 'published'],
    ['submitted', 'return', 'returned'],
    ['returned', 'submit', 'submitted'],
  ] as const)('%s --%s--> %s', (from, action, to) => expect(transition(NEWS_TRANSITIONS, from, action)).toBe(to));

  it('allows exactly these steps in each state', () => {
    expect(Object.fromEntries(NEWS_STATES.map((s) => [s, allowedActions(NEWS_TRANSITIONS, s)]))).toEqual({
      draft: ['submit'],
      submitted: ['publish', 'return'],
      returned: ['submit'],
      published: [],
    });
  });

  it('refuses every other step: no publishing a draft, no review twice, nothing after publication', () => {
    for (const s of NEWS_STATES)
      for (const a of NewsAction.options)
        if (!allowedActions(NEWS_TRANSITIONS, s).includes(a)) expect(() => transition(NEWS_TRANSITIONS, s, a)).toThrow(StepOutOfOrderError);
  });

  it('the branch submits, the committee reviews; the text changes only while the branch has it', () => {
    expect(NEWS_ACTION_ACTOR).toEqual({ submit: 'branch', publish: 'committee', return: 'committee' });
    expect(NEWS_STATES.filter(newsEditable)).toEqual(['draft', 'returned']);
    expect(Object.keys(NEWS_ACTION_LABEL).sort()).toEqual([...NewsAction.options].sort());
  });
});
