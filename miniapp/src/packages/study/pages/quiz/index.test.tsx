import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { saveTokens } from '@/api/session';
import { memberMe } from '@test/fixtures';
import { mockRoute, requests, setRouterParams } from '@test/mocks/taro';
import { ATTEMPT_ID, Q1, Q2, QUIZ_ID, quizSummary, runningAttempt } from '@test/study-fixtures';
import QuizPage from './index';

const submitted = runningAttempt({
  status: 'submitted',
  submittedAt: '2026-11-22T08:03:00.000Z',
  questions: undefined,
  review: [
    { id: Q1, kind: 'single', stem: '党的最高理想是？', options: ['共产主义', '小康社会'], answer: [0], given: [0], correct: true, explanation: '党章总纲' },
    {
      id: Q2,
      kind: 'multiple',
      stem: '三会一课包括？',
      options: ['支部党员大会', '党课', '运动会'],
      answer: [0, 1],
      given: [0, 2],
      correct: false,
      explanation: '',
    },
  ],
  correctCount: 1,
  scorePercent: 50,
  passed: false,
});

beforeEach(() => {
  saveTokens({ accessToken: 'a', refreshToken: 'r' });
  mockRoute('GET /api/v1/auth/me', { status: 200, body: memberMe });
  setRouterParams({ id: QUIZ_ID });
  mockRoute(`GET /api/v1/study/quizzes/${QUIZ_ID}`, { status: 200, body: quizSummary() });
  mockRoute(`GET /api/v1/study/quizzes/${QUIZ_ID}/attempts`, { status: 200, body: [] });
});

describe('QuizPage (L3)', () => {
  it('starts an attempt, counts down, names unanswered questions, submits the chosen indexes and shows the review', async () => {
    const now = Date.now();
    mockRoute(`POST /api/v1/study/quizzes/${QUIZ_ID}/attempts`, {
      status: 201,
      body: runningAttempt({ startedAt: new Date(now).toISOString(), deadline: new Date(now + 600_000).toISOString() }),
    });
    mockRoute(`POST /api/v1/study/attempts/${ATTEMPT_ID}/submit`, { status: 200, body: submitted });
    const { container } = render(<QuizPage />);
    fireEvent.click(await screen.findByText('开始测验'));
    expect(await screen.findByText(/^剩余 (10:00|09:5\d)$/)).toBeTruthy();

    const option = (q: string, i: number) => container.querySelector(`[data-question="${q}"] [data-option="${i}"]`)!;
    fireEvent.click(option(Q1, 1));
    fireEvent.click(option(Q1, 0)); // single choice: the second click replaces the first
    (Taro.showModal as jest.Mock).mockResolvedValueOnce({ confirm: false, cancel: true });
    fireEvent.click(screen.getByText('交卷'));
    await waitFor(() => expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: '第 2 题未作答，确定交卷吗？' })));
    expect(requests.some((r) => r.path.endsWith('/submit'))).toBe(false);

    fireEvent.click(option(Q2, 2));
    fireEvent.click(option(Q2, 0));
    fireEvent.click(screen.getByText('交卷'));
    expect(await screen.findByText('50 分')).toBeTruthy();
    const sent = requests.find((r) => r.path.endsWith('/submit'))?.data;
    expect(sent).toEqual({ answers: { [Q1]: [0], [Q2]: [0, 2] } });
    expect(screen.getByText('未达到合格线（60 分）')).toBeTruthy();
    expect(screen.getByText('正确答案：AB')).toBeTruthy();
    expect(screen.getByText('解析：党章总纲')).toBeTruthy();
    expect(container.querySelector(`[data-question="${Q2}"] [data-option="2"]`)?.className).toContain('quiz-q__option--wrong');
  });

  it('submits by itself when the server’s deadline has passed', async () => {
    const now = Date.now();
    // the server's clock is 10 minutes ahead of the phone: the attempt's 1 second is already gone
    mockRoute(`POST /api/v1/study/quizzes/${QUIZ_ID}/attempts`, {
      status: 201,
      body: runningAttempt({ startedAt: new Date(now + 600_000).toISOString(), deadline: new Date(now + 600_000).toISOString() }),
    });
    mockRoute(`POST /api/v1/study/attempts/${ATTEMPT_ID}/submit`, { status: 200, body: submitted });
    render(<QuizPage />);
    fireEvent.click(await screen.findByText('开始测验'));
    expect(await screen.findByText('50 分')).toBeTruthy();
    expect(Taro.showModal).not.toHaveBeenCalled();
  });

  it('goes back to the quiz when the server says the attempt is over (409)', async () => {
    const now = Date.now();
    mockRoute(`POST /api/v1/study/quizzes/${QUIZ_ID}/attempts`, {
      status: 201,
      body: runningAttempt({ startedAt: new Date(now).toISOString(), deadline: new Date(now + 600_000).toISOString() }),
    });
    mockRoute(`POST /api/v1/study/attempts/${ATTEMPT_ID}/submit`, { status: 409, body: { code: 'STUDY_ATTEMPT_EXPIRED', message: '答题时间已到' } });
    render(<QuizPage />);
    fireEvent.click(await screen.findByText('开始测验'));
    await screen.findByText('交卷');
    fireEvent.click(screen.getByText('交卷'));
    expect(await screen.findByText('开始测验')).toBeTruthy();
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '答题时间已到' }));
  });
});
