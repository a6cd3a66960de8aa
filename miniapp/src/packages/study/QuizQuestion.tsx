import { Text, View } from '@tarojs/components';
import type { AttemptQuestion, ReviewedQuestion } from '@dangjian/shared';
import { QUESTION_KIND_LABEL } from '@dangjian/shared';
import { Tag } from '@/components/Card';
import { optionLetter, optionState } from './quiz-view';

type Props = {
  number: number;
  question: AttemptQuestion | ReviewedQuestion;
  chosen: readonly number[];
  /** While answering; absent after submission. */
  onChoose?: (index: number) => void;
};

const isReviewed = (q: AttemptQuestion | ReviewedQuestion): q is ReviewedQuestion => 'answer' in q;

/** One question: while answering the options toggle; after submission the right answer, the wrong choice and the explanation. */
export function QuizQuestion({ number, question, chosen, onChoose }: Props) {
  const reviewed = isReviewed(question) ? question : null;
  return (
    <View className='quiz-q' data-question={question.id}>
      <View className='quiz-q__head'>
        <Tag tone='primary'>{QUESTION_KIND_LABEL[question.kind]}</Tag>
        {reviewed ? <Tag tone={reviewed.correct ? 'success' : 'warning'}>{reviewed.correct ? '答对' : '答错'}</Tag> : null}
      </View>
      <Text className='quiz-q__stem'>{`${number}. ${question.stem}`}</Text>
      {question.options.map((text, i) => {
        const state = reviewed ? optionState(i, reviewed.given, reviewed.answer) : chosen.includes(i) ? 'chosen' : 'plain';
        return (
          <View key={i} className={`quiz-q__option quiz-q__option--${state}`} data-option={i} onClick={onChoose ? () => onChoose(i) : undefined}>
            <Text className='quiz-q__letter'>{optionLetter(i)}</Text>
            <Text className='quiz-q__text'>{text}</Text>
          </View>
        );
      })}
      {reviewed ? (
        <View className='quiz-q__explain'>
          <Text>{`正确答案：${reviewed.answer.map(optionLetter).join('')}`}</Text>
          {reviewed.explanation ? <Text className='quiz-q__explain-text'>{`解析：${reviewed.explanation}`}</Text> : null}
        </View>
      ) : null}
    </View>
  );
}
