import type { NewsAction, NewsState } from '../news.js';
import { NewsState as NewsStates } from '../news.js';
import type { TransitionTable } from './vote-machine.js';

/*
 * 党建动态 review: the branch submits, a committee above it publishes or returns it with a reason;
 * a returned piece is edited and submitted again. Published is final (the branch writes a new piece
 * rather than rewriting what members already read and liked).
 */
export const NEWS_TRANSITIONS: TransitionTable<NewsState, NewsAction> = {
  draft: { submit: ['submitted'] },
  submitted: { publish: ['published'], return: ['returned'] },
  returned: { submit: ['submitted'] },
  published: {},
};
export const NEWS_INITIAL_STATE: NewsState = 'draft';
export const NEWS_STATES = NewsStates.options;

/** Who takes each step: the branch's editors, or a committee above the branch. */
export const NEWS_ACTION_ACTOR: Record<NewsAction, 'branch' | 'committee'> = { submit: 'branch', publish: 'committee', return: 'committee' };

/** The branch may change the text only before the committee has it, or after it came back. */
export const newsEditable = (state: NewsState): boolean => state === 'draft' || state === 'returned';
