import { useEffect, useRef, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { QuizAttempt } from '@dangjian/shared';
import { ApiError } from '@/api/errors';
import { getAttempt, getQuiz, listAttempts, startAttempt, submitAttempt } from '@/api/study';
import { Card, InfoRow, Tag } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import { formatDateTime } from '@/utils/format';
import { QuizQuestion } from '../../QuizQuestion';
import { choose, clockSkewMs, countdownTone, formatCountdown, remainingMs, unansweredNumbers, type Answers } from '../../quiz-view';
import '../../study.scss';

/** The attempt being answered, with the phone/server clock difference measured when it arrived. */
type Running = { attempt: QuizAttempt; skewMs: number };

function Countdown({ running, onTimeUp }: { running: Running; onTimeUp: () => void }) {
  const [now, setNow] = useState(Date.now());
  const left = remainingMs(running.attempt.deadline, running.skewMs, now);
  const fired = useRef(false);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  useEffect(() => {
    if (left === 0 && !fired.current) {
      fired.current = true;
      onTimeUp();
    }
  }, [left, onTimeUp]);
  return <Text className={`quiz-countdown quiz-countdown--${countdownTone(left)}`}>{`剩余 ${formatCountdown(left)}`}</Text>;
}

function Result({ attempt }: { attempt: QuizAttempt }) {
  return (
    <>
      <Card className='quiz-result'>
        <Text className={`quiz-result__score quiz-result__score--${attempt.passed ? 'pass' : 'fail'}`}>{`${attempt.scorePercent ?? 0} 分`}</Text>
        <Text className='quiz-result__verdict'>{attempt.passed ? '测验合格' : `未达到合格线（${attempt.passPercent} 分）`}</Text>
        <Text className='study-row__sub'>{`答对 ${attempt.correctCount ?? 0}/${attempt.review?.length ?? 0} 题`}</Text>
      </Card>
      <Card title='答题解析'>
        {(attempt.review ?? []).map((q, i) => (
          <QuizQuestion key={q.id} number={i + 1} question={q} chosen={q.given} />
        ))}
      </Card>
    </>
  );
}

/** A quiz (L3): start an attempt, answer against the server's deadline, submit, score and explanations; past attempts. */
export default function QuizPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const quiz = useQuery(id ? `quiz:${id}` : null, () => getQuiz(id));
  const history = useQuery(id ? `attempts:${id}` : null, () => listAttempts(id));
  const [running, setRunning] = useState<Running | null>(null);
  const [answers, setAnswers] = useState<Answers>({});
  const [result, setResult] = useState<QuizAttempt | null>(null);
  const [busy, setBusy] = useState(false);
  const submitting = useRef(false);

  const begin = async (resume?: QuizAttempt) => {
    setBusy(true);
    try {
      const asked = Date.now();
      const attempt = resume ? await getAttempt(resume.id) : await startAttempt(id);
      // the server's clock at the start against the phone's, so the countdown follows the server
      setRunning({ attempt, skewMs: resume ? 0 : clockSkewMs(attempt.startedAt, asked) });
      setAnswers({});
      setResult(null);
    } catch {
      // the client has shown the server's message
    } finally {
      setBusy(false);
    }
  };

  const submit = async (timeUp: boolean) => {
    if (!running || submitting.current) return;
    const questions = running.attempt.questions ?? [];
    const missing = unansweredNumbers(
      questions.map((q) => q.id),
      answers,
    );
    if (!timeUp && missing.length) {
      const ok = await Taro.showModal({ title: '还有题目未作答', content: `第 ${missing.join('、')} 题未作答，确定交卷吗？` });
      if (!ok.confirm) return;
    }
    submitting.current = true;
    setBusy(true);
    try {
      const done = await submitAttempt(running.attempt.id, { answers: Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, [...v]])) });
      setResult(done);
      setRunning(null);
      // The score sits at the top of the page: after a long paper the member was left at the bottom.
      void Taro.pageScrollTo({ scrollTop: 0, duration: 200 });
      void history.reload();
      void quiz.reload();
    } catch (e) {
      // expired or already submitted (409): this attempt is over, back to the quiz and its record
      if (e instanceof ApiError && e.status === 409) {
        setRunning(null);
        void history.reload();
      }
    } finally {
      submitting.current = false;
      setBusy(false);
    }
  };

  const summary = quiz.data;
  if (running) {
    const questions = running.attempt.questions ?? [];
    return (
      <View className='page study-page quiz-page'>
        <View className='quiz-bar'>
          <Text className='quiz-bar__title'>{running.attempt.quizTitle}</Text>
          <Countdown running={running} onTimeUp={() => void submit(true)} />
        </View>
        <Card>
          {questions.map((q, i) => (
            <QuizQuestion
              key={q.id}
              number={i + 1}
              question={q}
              chosen={answers[q.id] ?? []}
              onChoose={(idx) => setAnswers((a) => choose(a, q.id, q.kind, idx))}
            />
          ))}
        </Card>
        <View className='study-footer'>
          <DjButton className='quiz-submit' loading={busy} onClick={() => void submit(false)}>
            交卷
          </DjButton>
        </View>
      </View>
    );
  }

  const open = (history.data ?? []).find((a) => a.status === 'in_progress');
  return (
    <View className='page study-page quiz-page'>
      <StateView loading={quiz.loading} error={quiz.error} ready={summary !== undefined} onRetry={() => void quiz.reload()}>
        {summary ? (
          <>
            {result ? <Result attempt={result} /> : null}
            <Card title={summary.title} extra={summary.passed ? <Tag tone='success'>已合格</Tag> : null}>
              <InfoRow label='题目数量' value={`${summary.questionCount} 题（随机抽取）`} />
              <InfoRow label='答题时间' value={`${Math.round(summary.timeLimitS / 60)} 分钟`} />
              <InfoRow label='合格分数' value={`${summary.passPercent} 分`} />
              <InfoRow label='最好成绩' value={summary.bestPercent === null ? '—' : `${summary.bestPercent} 分`} />
              <DjButton className='quiz-start' loading={busy} onClick={() => void begin(open)}>
                {open ? '继续作答' : result || summary.attempts ? '再测一次' : '开始测验'}
              </DjButton>
            </Card>
            <Card title='测验记录'>
              {(history.data ?? []).length ? (
                (history.data ?? []).map((a) => (
                  <View
                    key={a.id}
                    className='study-row'
                    data-attempt={a.id}
                    onClick={
                      a.status === 'submitted'
                        ? () =>
                            void getAttempt(a.id).then((r) => {
                              setResult(r);
                              void Taro.pageScrollTo({ scrollTop: 0, duration: 200 });
                            })
                        : undefined
                    }
                  >
                    <View className='study-row__main'>
                      <Text className='study-row__title'>{formatDateTime(a.startedAt)}</Text>
                      <Text className='study-row__sub'>
                        {a.status === 'in_progress' ? '作答中' : a.status === 'expired' ? '超时未交卷' : `答对 ${a.correctCount ?? 0} 题`}
                      </Text>
                    </View>
                    {a.scorePercent !== null ? <Tag tone={a.passed ? 'success' : 'warning'}>{`${a.scorePercent} 分`}</Tag> : null}
                  </View>
                ))
              ) : (
                <Text className='dj-muted'>还没有测验记录</Text>
              )}
            </Card>
          </>
        ) : null}
      </StateView>
    </View>
  );
}
