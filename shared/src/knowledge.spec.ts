import { highlightParts, snippetParts } from './knowledge.js';

describe('knowledge highlighting', () => {
  it('marks every occurrence, case-insensitively', () => {
    expect(highlightParts('党员要交党费，党费按月交', '党费')).toEqual([
      { text: '党员要交', hit: false },
      { text: '党费', hit: true },
      { text: '，', hit: false },
      { text: '党费', hit: true },
      { text: '按月交', hit: false },
    ]);
    expect(
      highlightParts('Party CPC cpc', 'cpc')
        .filter((p) => p.hit)
        .map((p) => p.text),
    ).toEqual(['CPC', 'cpc']);
  });

  it('cuts a snippet around the first hit with ellipses on cut sides', () => {
    const text = '甲'.repeat(100) + '入党条件' + '乙'.repeat(100);
    const parts = snippetParts(text, '入党条件', 10);
    expect(parts[0]).toEqual({ text: '…', hit: false });
    expect(parts.at(-1)).toEqual({ text: '…', hit: false });
    expect(parts.map((p) => p.text).join('')).toBe(`…${'甲'.repeat(10)}入党条件${'乙'.repeat(20)}…`);
    expect(snippetParts('短文本', '文本', 10)).toEqual([
      { text: '短', hit: false },
      { text: '文本', hit: true },
    ]);
  });
});
