import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Image, Picker, Text, View } from '@tarojs/components';
import { bannerLink, type Banner } from '@dangjian/shared';
import { ApiError } from '@/api/errors';
import { serverUrl } from '@/api/links';
import { listNews } from '@/api/news';
import { createBanner, listBanners, listNotices, noticeUploadPath, removeBanner, updateBanner } from '@/api/notices';
import { Card, Tag } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { Field, FormError } from '@/components/Field';
import { OrgSwitch } from '@/components/OrgSwitch';
import { StateView } from '@/components/StateView';
import { useOrgChoice } from '@/hooks/useOrgChoice';
import { useQuery } from '@/hooks/useQuery';
import { pickAndUpload } from '@/platform/file-upload';
import '../../notices.scss';

type Form = {
  id: string | null;
  title: string;
  image: { id: string; url: string } | null;
  link: string | null;
  sort: string;
  startsOn: string | null;
  endsOn: string | null;
};
const EMPTY: Form = { id: null, title: '', image: null, link: null, sort: '0', startsOn: null, endsOn: null };
const IMAGE_PICK = { contentTypes: ['image/jpeg', 'image/png', 'image/webp'], extensions: ['jpg', 'jpeg', 'png', 'webp'], source: 'media-image' } as const;
const period = (b: Pick<Banner, 'startsOn' | 'endsOn'>) => (b.startsOn || b.endsOn ? `${b.startsOn ?? '即日'} 至 ${b.endsOn ?? '长期'}` : '长期有效');

/** 首页轮播图 (console, phone and desktop): a committee worker sets its subtree's banners — image, title, link to a notice or news, order, period. */
export default function BannersPage() {
  const { grants, org, setPicked } = useOrgChoice('notice.publish');
  const banners = useQuery(org ? `banners-${org.orgId}` : null, () => listBanners(org!.orgId));
  // What a banner may open: the organisation's latest notices and news.
  const targets = useQuery(org ? `banner-targets-${org.orgId}` : null, async () => {
    const [n, w] = await Promise.all([listNotices({ box: 'published', pageSize: 10 }), listNews({ box: 'feed', pageSize: 10 })]);
    return [
      ...n.items.map((x) => ({ label: `通知：${x.title}`, link: bannerLink('notice', x.id) })),
      ...w.items.map((x) => ({ label: `动态：${x.title}`, link: bannerLink('news', x.id) })),
    ];
  });
  const [form, setForm] = useState<Form>(EMPTY);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => setForm(EMPTY), [org?.orgId]);
  const set = (patch: Partial<Form>) => setForm((f) => ({ ...f, ...patch }));

  const upload = async () => {
    if (!org) return;
    const r = await pickAndUpload(noticeUploadPath(org.orgId), IMAGE_PICK).catch(() => null);
    const b = r?.body as { id?: string; url?: string; message?: string } | null;
    if (r?.status === 201 && b?.id && b.url) set({ image: { id: b.id, url: b.url } });
    else if (r) setError(b?.message ?? '上传失败');
  };

  const save = async () => {
    if (!org) return;
    if (!form.title.trim()) return setError('请填写标题');
    if (!form.image) return setError('请上传图片');
    setBusy(true);
    setError(null);
    try {
      const body = {
        title: form.title.trim(),
        imageId: form.image.id,
        link: form.link,
        sort: Number(form.sort) || 0,
        startsOn: form.startsOn,
        endsOn: form.endsOn,
      };
      if (form.id) await updateBanner(form.id, body);
      else await createBanner({ organisationId: org.orgId, ...body });
      void Taro.showToast({ title: '已保存', icon: 'success' });
      setForm(EMPTY);
      await banners.reload();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '保存失败，请重试');
    } finally {
      setBusy(false);
    }
  };

  const remove = async (b: Banner) => {
    const ok = await Taro.showModal({ title: '删除轮播图', content: `确定删除“${b.title}”？` });
    if (!ok.confirm) return;
    await removeBanner(b.id).catch(() => undefined);
    await banners.reload();
  };

  if (!org)
    return (
      <View className='page notices'>
        <Text className='notices__sub'>您没有设置轮播图的权限</Text>
      </View>
    );
  return (
    <View className='page notices banners'>
      <Card title='设置组织'>
        <OrgSwitch orgName={org.orgName} grants={grants} onPick={setPicked} className='notices__sub' />
        <Text className='notices__sub'>轮播图显示在本组织及下级组织党员的首页，按顺序号从小到大排列。</Text>
      </Card>
      <View className='banners__columns'>
        <View className='banners__list'>
          <StateView
            loading={banners.loading && !banners.data}
            error={banners.error}
            ready={Boolean(banners.data)}
            empty={banners.data?.length === 0}
            emptyTitle='尚未设置轮播图'
            onRetry={() => void banners.reload()}
          >
            {banners.data?.map((b) => (
              <View key={b.id} className='banners__row' data-banner-row={b.title}>
                <Image className='banners__img' src={serverUrl(b.imageUrl)} mode='aspectFill' />
                <View className='banners__text'>
                  <Text className='notices__title'>{b.title}</Text>
                  <View className='notices__tags'>
                    <Tag tone={b.active ? 'success' : 'neutral'}>{b.active ? '展示中' : '未在展示期'}</Tag>
                    <Tag>{`顺序 ${b.sort}`}</Tag>
                  </View>
                  <Text className='notices__sub'>{period(b)}</Text>
                  <View className='banners__ops'>
                    <Text
                      className='banners__link'
                      onClick={() =>
                        setForm({
                          id: b.id,
                          title: b.title,
                          image: { id: b.imageId, url: b.imageUrl },
                          link: b.link,
                          sort: String(b.sort),
                          startsOn: b.startsOn,
                          endsOn: b.endsOn,
                        })
                      }
                    >
                      编辑
                    </Text>
                    <Text className='banners__link' onClick={() => void remove(b)}>
                      删除
                    </Text>
                  </View>
                </View>
              </View>
            ))}
          </StateView>
        </View>
        <Card title={form.id ? '编辑轮播图' : '新增轮播图'} className='banners__form'>
          <Field label='标题' name='banner-title' value={form.title} onChange={(v) => set({ title: v })} placeholder='如：七一建党节' maxlength={60} />
          {form.image ? <Image className='banners__preview' src={serverUrl(form.image.url)} mode='aspectFill' /> : null}
          <DjButton variant='plain' onClick={() => void upload()}>
            {form.image ? '更换图片' : '上传图片'}
          </DjButton>
          <Text className='notices__sub'>点击后打开</Text>
          <View className='notices__tags'>
            <Text className={`dj-tag ${form.link === null ? 'dj-tag--primary' : 'dj-tag--neutral'}`} onClick={() => set({ link: null })}>
              不跳转
            </Text>
            {(targets.data ?? []).map((t) => (
              <Text key={t.link} className={`dj-tag ${form.link === t.link ? 'dj-tag--primary' : 'dj-tag--neutral'}`} onClick={() => set({ link: t.link })}>
                {t.label}
              </Text>
            ))}
          </View>
          <Field label='顺序号' name='banner-sort' type='number' value={form.sort} onChange={(v) => set({ sort: v })} placeholder='0' maxlength={3} />
          <View className='notices__option'>
            <Text>开始日期</Text>
            <Picker mode='date' value={form.startsOn ?? ''} onChange={(e) => set({ startsOn: e.detail.value })}>
              <Text className='banners__link'>{form.startsOn ?? '即日起'}</Text>
            </Picker>
          </View>
          <View className='notices__option'>
            <Text>结束日期</Text>
            <Picker mode='date' value={form.endsOn ?? ''} onChange={(e) => set({ endsOn: e.detail.value })}>
              <Text className='banners__link'>{form.endsOn ?? '长期'}</Text>
            </Picker>
          </View>
          <FormError message={error} />
          <View className='notices__actions'>
            <DjButton loading={busy} onClick={() => void save()}>
              保存
            </DjButton>
            {form.id ? (
              <DjButton variant='plain' onClick={() => setForm(EMPTY)}>
                取消编辑
              </DjButton>
            ) : null}
          </View>
        </Card>
      </View>
    </View>
  );
}
