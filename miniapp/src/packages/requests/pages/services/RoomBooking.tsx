import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { chinaToday, type ServiceRoom } from '@dangjian/shared';
import { errorMessage } from '@/api/errors';
import { bookRoom, cancelBooking, listBookings } from '@/api/requests';
import { Card } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { Field, FormError } from '@/components/Field';
import { useQuery } from '@/hooks/useQuery';
import { chinaInstant, formatClock } from '@/utils/format';

const HOURS = Array.from({ length: 14 }, (_, i) => 8 + i);
const pad = (n: number) => String(n).padStart(2, '0');
const addDays = (d: string, n: number) => new Date(new Date(`${d}T00:00:00Z`).getTime() + n * 86_400_000).toISOString().slice(0, 10);

/** One room: a day, its hours (taken ones struck through), book an hour with a purpose, cancel one's own. */
export function RoomBooking({ room }: { room: ServiceRoom }) {
  const today = chinaToday();
  const [day, setDay] = useState(today);
  const [hour, setHour] = useState<number | null>(null);
  const [purpose, setPurpose] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const list = useQuery(`${room.id}:${day}`, () => listBookings(room.id, day));
  const live = (list.data?.items ?? []).filter((b) => !b.cancelledAt);
  const taken = (h: number) => {
    const s = new Date(chinaInstant(day, `${pad(h)}:00`)).getTime();
    return live.some((b) => new Date(b.startsAt).getTime() < s + 3_600_000 && new Date(b.endsAt).getTime() > s);
  };
  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      setHour(null);
      await list.reload();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={`${room.name}（${room.capacity} 人）`}>
      {room.location ? <Text className='requests__sub'>{room.location}</Text> : null}
      <View className='requests__chips'>
        {[0, 1, 2, 3, 4, 5, 6].map((n) => {
          const d = addDays(today, n);
          return (
            <Text key={d} className={`requests__chip ${d === day ? 'requests__chip--on' : ''}`} onClick={() => setDay(d)}>
              {n === 0 ? '今天' : d.slice(5)}
            </Text>
          );
        })}
      </View>
      <View className='requests__chips'>
        {HOURS.map((h) => (
          <Text
            key={h}
            className={`requests__slot ${taken(h) ? 'requests__slot--taken' : ''} ${hour === h ? 'requests__slot--on' : ''}`}
            onClick={() => !taken(h) && setHour(h)}
          >
            {`${pad(h)}:00`}
          </Text>
        ))}
      </View>
      {live.map((b) => (
        <View key={b.id} className='requests__table-row'>
          <Text>{`${formatClock(b.startsAt)}–${formatClock(b.endsAt)} ${b.purpose}`}</Text>
          <Text>{b.bookedBy.name}</Text>
          {b.canCancel ? (
            <Text className='requests__overdue' onClick={() => void run(() => cancelBooking(b.id))}>
              取消
            </Text>
          ) : (
            <Text> </Text>
          )}
        </View>
      ))}
      {hour !== null ? (
        <>
          <Field label='用途' value={purpose} onChange={setPurpose} placeholder='例如 支部主题党日' maxlength={100} />
          <DjButton
            loading={busy}
            disabled={purpose.trim().length < 2}
            onClick={() =>
              void run(() =>
                bookRoom({ roomId: room.id, startsAt: chinaInstant(day, `${pad(hour)}:00`), endsAt: chinaInstant(day, `${pad(hour + 1)}:00`), purpose }),
              )
            }
          >
            {`预约 ${pad(hour)}:00–${pad(hour + 1)}:00`}
          </DjButton>
        </>
      ) : null}
      <FormError message={error} />
    </Card>
  );
}
