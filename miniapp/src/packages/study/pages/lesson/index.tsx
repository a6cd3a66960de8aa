import { useEffect, useRef, useState } from 'react';
import Taro, { usePageScroll, useRouter } from '@tarojs/taro';
import { RichText, Text, Video, View } from '@tarojs/components';
import type { HeartbeatResult, LessonDetail } from '@dangjian/shared';
import { LESSON_KIND_LABEL, PROGRESS_STATE_LABEL } from '@dangjian/shared';
import { serverHtml, serverUrl } from '@/api/links';
import { getLesson } from '@/api/study';
import { Card, Notice, Tag } from '@/components/Card';
import { ProgressBar } from '@/components/ProgressBar';
import { StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import { DocumentViewer } from '@/platform/document-viewer';
import { AudioLesson } from '../../AudioLesson';
import { useStudyHeartbeat } from '../../useStudyHeartbeat';
import { NextStep } from './NextStep';
import '../../study.scss';

/** What changes while studying: the server's answer to the latest heartbeat. */
type Live = Pick<HeartbeatResult, 'progress' | 'state' | 'lessonCreditedS'>;

/**
 * A lesson: article (read while the page is visible), video, audio or PDF. It opens where the member
 * stopped on any device (the server's resumePosition) and reports study time by heartbeat (L2).
 */
export default function LessonPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const q = useQuery(id ? `lesson:${id}` : null, () => getLesson(id));
  const lesson = q.data;
  const media = lesson?.kind === 'video' || lesson?.kind === 'audio';
  const position = useRef(0);
  const [live, setLive] = useState<Live | null>(null);
  const viewing = useRef(false);
  const [ended, setEnded] = useState(false);

  // before the heartbeat hook's effect: its first beat reads the resume position
  useEffect(() => {
    if (!lesson) return;
    position.current = lesson.resumePosition;
    setLive({ progress: lesson.progress, state: lesson.state, lessonCreditedS: lesson.creditedS });
    // articles resume at the scroll offset where the member stopped
    if (lesson.kind === 'article' && lesson.resumePosition > 0) void Taro.pageScrollTo({ scrollTop: lesson.resumePosition, duration: 0 });
  }, [lesson]);

  const block = useStudyHeartbeat(lesson ? lesson.id : null, {
    blockedBy: media ? ['paused'] : [],
    position: () => position.current,
    onResult: (r) => {
      setLive({ progress: r.progress, state: r.state, lessonCreditedS: r.lessonCreditedS });
      if (r.justCompleted) void Taro.showToast({ title: '本课时已完成', icon: 'success' });
    },
    viewerOpen: viewing,
  });

  usePageScroll(({ scrollTop }) => {
    if (lesson?.kind === 'article') position.current = Math.round(scrollTop);
  });

  return (
    <View className='page study-page study-lesson'>
      <StateView loading={q.loading} error={q.error} ready={lesson !== undefined} onRetry={() => void q.reload()}>
        {lesson ? (
          <>
            <View className='study-lesson__head'>
              <Text className='study-lesson__course'>{lesson.courseTitle}</Text>
              <Text className='study-lesson__title'>{lesson.title}</Text>
              <View className='study-lesson__meta'>
                <Tag tone='primary'>{LESSON_KIND_LABEL[lesson.kind]}</Tag>
                <Text className='study-lesson__state'>{PROGRESS_STATE_LABEL[live?.state ?? lesson.state]}</Text>
                <Text className='study-lesson__hours'>{`已学习 ${Math.floor((live?.lessonCreditedS ?? lesson.creditedS) / 60)} 分钟`}</Text>
              </View>
              <ProgressBar value={live?.progress ?? lesson.progress} />
            </View>
            <LessonBody lesson={lesson} position={position} block={block} onViewing={(v) => (viewing.current = v)} onEnded={() => setEnded(true)} />
            <NextStep courseId={lesson.courseId} lessonId={lesson.id} ended={ended} />
          </>
        ) : null}
      </StateView>
    </View>
  );
}

type BodyProps = {
  lesson: LessonDetail;
  position: { current: number };
  block: (reason: string, blocked: boolean) => void;
  onViewing: (viewing: boolean) => void;
  onEnded: () => void;
};

function LessonBody({ lesson, position, block, onViewing, onEnded }: BodyProps) {
  if (lesson.kind === 'article') {
    return (
      <Card className='study-article'>
        <RichText className='study-article__body' nodes={serverHtml(lesson.bodyHtml ?? '')} />
        <Text className='study-hint'>{`页面打开时计入阅读时间，至少阅读 ${Math.ceil((lesson.minSeconds ?? 0) / 60)} 分钟完成本课时`}</Text>
      </Card>
    );
  }
  if (!lesson.mediaUrl) return <Notice>课时文件暂不可用，请稍后再试</Notice>;
  if (lesson.kind === 'video') {
    return (
      <View className='study-video'>
        {/* Taro's H5 video is absolutely positioned: the frame gives it its place */}
        <View className='study-video__frame'>
          <Video
            id='study-video'
            className='study-video__player'
            src={serverUrl(lesson.mediaUrl)}
            initialTime={lesson.resumePosition}
            // The length from the lesson: H5's player showed "NaN:NaN" and 0 % while the browser reported an
            // unknown (Infinity) duration for the streamed file.
            duration={lesson.durationS ?? undefined}
            showCenterPlayBtn
            enablePlayGesture
            onPlay={() => block('paused', false)}
            onPause={() => block('paused', true)}
            onEnded={() => {
              block('paused', true);
              onEnded();
            }}
            onTimeUpdate={(e) => {
              position.current = e.detail.currentTime;
            }}
          />
        </View>
        <Text className='study-hint'>{`播放时计入学时，观看 ${Math.round((lesson.watchThreshold ?? 0.9) * 100)}% 完成本课时；下次打开从上次位置继续`}</Text>
      </View>
    );
  }
  if (lesson.kind === 'audio') return <AudioLesson src={serverUrl(lesson.mediaUrl)} startS={lesson.resumePosition} position={position} block={block} />;
  return (
    <Card>
      <DocumentViewer url={serverUrl(lesson.mediaUrl)} title={lesson.title} onViewing={onViewing} />
      <Text className='study-hint'>{`文档打开时计入阅读时间，至少阅读 ${Math.ceil((lesson.minSeconds ?? 0) / 60)} 分钟完成本课时`}</Text>
    </Card>
  );
}
