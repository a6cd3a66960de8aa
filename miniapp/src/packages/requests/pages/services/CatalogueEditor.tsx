import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, Textarea, View } from '@tarojs/components';
import { CATALOGUE_KIND_LABEL, CATALOGUE_KINDS, type Catalogue, type CatalogueItem, type CatalogueKind, type ServiceRoom } from '@dangjian/shared';
import { errorMessage } from '@/api/errors';
import { saveCatalogueItem, saveRoom } from '@/api/requests';
import { Card } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { Field, FormError } from '@/components/Field';
import { Segmented } from '@/components/SearchBar';

const KIND_OPTIONS = CATALOGUE_KINDS.map((value) => ({ value, label: CATALOGUE_KIND_LABEL[value] }));
const EMPTY_ITEM = { kind: 'policy' as CatalogueKind, title: '', body: '', contact: '', published: true };
const EMPTY_ROOM = { name: '', location: '', capacity: '' };

/**
 * The committee keeps its catalogue here (shown below the published list to request managers only):
 * add or edit a policy or 红色服务通道, publish or withdraw it; add a room, stop or resume its booking.
 * Nothing is deleted — an item is unpublished, a room paused.
 */
export function CatalogueEditor({ catalogue, onSaved }: { catalogue: Catalogue; onSaved: () => void }) {
  const committeeId = catalogue.committee.id;
  const [itemId, setItemId] = useState<string | null>(null);
  const [item, setItem] = useState(EMPTY_ITEM);
  const [room, setRoom] = useState(EMPTY_ROOM);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async (work: () => Promise<unknown>, after: () => void) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      after();
      void Taro.showToast({ title: '已保存', icon: 'success' });
      onSaved();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const edit = (i: CatalogueItem) => {
    setItemId(i.id);
    setItem({ kind: i.kind, title: i.title, body: i.body, contact: i.contact ?? '', published: i.published });
  };
  const resetItem = () => {
    setItemId(null);
    setItem(EMPTY_ITEM);
  };
  const saveItem = (published = item.published) =>
    run(() => saveCatalogueItem(itemId, { committeeId, ...item, contact: item.contact.trim() || null, published }), resetItem);
  const toggleRoom = (r: ServiceRoom) =>
    run(
      () => saveRoom(r.id, { committeeId, name: r.name, location: r.location, capacity: r.capacity, active: !r.active }),
      () => undefined,
    );

  return (
    <>
      <Card title='维护服务目录'>
        {catalogue.items.map((i) => (
          <View key={i.id} className='requests__contact'>
            <View className='requests__row-text'>
              <Text className='requests__contact-name'>{i.title}</Text>
              <Text className='requests__sub'>{`${i.kindLabel} · ${i.published ? '已发布' : '未发布'}`}</Text>
            </View>
            <Text className='requests__link' onClick={() => edit(i)}>
              {itemId === i.id ? '编辑中' : '编辑'}
            </Text>
          </View>
        ))}
        <Text className='requests__sub'>{itemId ? '修改服务事项' : '新增服务事项'}</Text>
        <Segmented options={KIND_OPTIONS} value={item.kind} onChange={(kind) => setItem({ ...item, kind })} />
        <Field label='名称' value={item.title} onChange={(title) => setItem({ ...item, title })} placeholder='例如 研发费用加计扣除政策' maxlength={60} />
        <Textarea
          className='requests__textarea'
          value={item.body}
          maxlength={4000}
          placeholder='政策要点、办理条件或服务内容'
          onInput={(e) => setItem({ ...item, body: e.detail.value })}
        />
        <Field label='联系方式' value={item.contact} onChange={(contact) => setItem({ ...item, contact })} placeholder='联系人、电话或窗口' maxlength={100} />
        <View className='requests__actions'>
          {/* No spinner: its label changes as the save ends (Taro H5's button cannot take both at once). */}
          <DjButton disabled={busy || item.title.trim().length < 2} onClick={() => void saveItem()}>
            {itemId ? '保存' : '发布'}
          </DjButton>
          {itemId ? (
            <>
              <DjButton variant='secondary' disabled={busy} onClick={() => void saveItem(!item.published)}>
                {item.published ? '撤下（不再展示）' : '重新发布'}
              </DjButton>
              <DjButton variant='secondary' onClick={resetItem}>
                取消
              </DjButton>
            </>
          ) : null}
        </View>
      </Card>
      <Card title='党群服务中心会议室'>
        {catalogue.rooms.map((r) => (
          <View key={r.id} className='requests__contact'>
            <View className='requests__row-text'>
              <Text className='requests__contact-name'>{`${r.name}（${r.capacity} 人）`}</Text>
              <Text className='requests__sub'>{`${r.location || '未填地点'} · ${r.active ? '开放预约' : '暂停预约'}`}</Text>
            </View>
            <Text className='requests__link' onClick={() => void toggleRoom(r)}>
              {r.active ? '暂停预约' : '恢复预约'}
            </Text>
          </View>
        ))}
        <Field label='会议室' value={room.name} onChange={(name) => setRoom({ ...room, name })} placeholder='例如 二号会议室' maxlength={40} />
        <Field label='地点' value={room.location} onChange={(location) => setRoom({ ...room, location })} placeholder='楼层、房间号' maxlength={100} />
        <Field label='容纳人数' type='number' value={room.capacity} onChange={(capacity) => setRoom({ ...room, capacity })} placeholder='例如 20' />
        <DjButton
          variant='secondary'
          loading={busy}
          disabled={room.name.trim().length < 2 || !(Number(room.capacity) >= 1)}
          onClick={() =>
            void run(
              () => saveRoom(null, { committeeId, name: room.name, location: room.location, capacity: Number(room.capacity), active: true }),
              () => setRoom(EMPTY_ROOM),
            )
          }
        >
          添加会议室
        </DjButton>
        <FormError message={error} />
      </Card>
    </>
  );
}
