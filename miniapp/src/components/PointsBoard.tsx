import { Text, View } from '@tarojs/components';
import type { Leaderboard } from '@dangjian/shared';

/**
 * A points ranking (the study page's and the points page's): the top rows and the caller's own row
 * after them when it is not among them. Styled by the study package's rows (study.scss), which both pages load.
 */
export function BoardRows({ board }: { board: Leaderboard }) {
  const mineInRows = board.mine && board.rows.some((r) => r.id === board.mine?.id);
  const rows = board.mine && !mineInRows ? [...board.rows, board.mine] : board.rows;
  return rows.length ? (
    <>
      {rows.map((r) => (
        <View key={r.id} className={`study-row ${board.mine?.id === r.id ? 'study-row--mine' : ''}`} data-rank={r.rank}>
          <Text className={`study-rank ${r.rank <= 3 ? 'study-rank--top' : ''}`}>{r.rank}</Text>
          <View className='study-row__main'>
            <Text className='study-row__title'>{r.name}</Text>
            {r.memberCount !== undefined ? (
              <Text className='study-row__sub'>{`${r.memberCount} 人 · 人均 ${(r.averagePoints ?? 0).toFixed(1)} 分`}</Text>
            ) : null}
          </View>
          <Text className='study-link'>{`${r.points} 分`}</Text>
        </View>
      ))}
    </>
  ) : (
    <Text className='dj-muted'>暂无积分记录</Text>
  );
}
