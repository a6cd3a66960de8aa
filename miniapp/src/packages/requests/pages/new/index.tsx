import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, Textarea, View } from '@tarojs/components';
import { REQUEST_CATEGORIES, REQUEST_CATEGORY_DEADLINES, REQUEST_CATEGORY_LABEL, type RequestCategory, type RequestFile } from '@dangjian/shared';
import { errorMessage } from '@/api/errors';
import { fileRequest, requestContext } from '@/api/requests';
import { Card, InfoRow, Notice } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { Field, FormError } from '@/components/Field';
import { useQuery } from '@/hooks/useQuery';
import { pickAndUpload } from '@/platform/file-upload';
import { requestUrl } from '../../routes';
import '../../requests.scss';

const ATTACHMENT_PICK = {
  contentTypes: ['image/png', 'image/jpeg', 'application/pdf'],
  extensions: ['png', 'jpg', 'jpeg', 'pdf', 'docx', 'xlsx'],
  source: 'media-image',
} as const;

/** Filing a request: category (its deadlines shown), title, description, the enterprise (a contact's own), attachments. */
export default function NewRequestPage() {
  const ctx = useQuery('ctx', requestContext);
  const [category, setCategory] = useState<RequestCategory>('policy');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [enterpriseId, setEnterpriseId] = useState<string | null>(null);
  const [files, setFiles] = useState<RequestFile[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const contacts = ctx.data?.contacts ?? [];
  const chosen = enterpriseId ?? contacts[0]?.enterprise.id ?? null;
  const committee = contacts.find((c) => c.enterprise.id === chosen)?.committee ?? ctx.data?.memberCommittee;
  const d = REQUEST_CATEGORY_DEADLINES[category];

  const attach = async () => {
    setError(null);
    try {
      const res = await pickAndUpload('/requests/files', ATTACHMENT_PICK);
      if (!res) return;
      if (res.status !== 201) throw new Error((res.body as { message?: string } | null)?.message ?? '上传失败');
      setFiles((f) => [...f, res.body as RequestFile]);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await fileRequest({ category, title, description, enterpriseId: chosen, attachmentIds: files.map((f) => f.id) });
      void Taro.redirectTo({ url: requestUrl(r.id) });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='page requests'>
      {committee ? <Notice tone='info'>{`诉求将提交给${committee.name}，由党委分派到相关部门办理。`}</Notice> : null}
      <Card title='诉求类别'>
        <View className='requests__chips'>
          {REQUEST_CATEGORIES.map((c) => (
            <Text key={c} className={`requests__chip ${c === category ? 'requests__chip--on' : ''}`} onClick={() => setCategory(c)}>
              {REQUEST_CATEGORY_LABEL[c]}
            </Text>
          ))}
        </View>
        <InfoRow label='办理时限' value={`${d.firstResponseDays} 个工作日内响应，${d.resolveDays} 个工作日内办结`} />
      </Card>
      {contacts.length > 1 ? (
        <Card title='企业'>
          <View className='requests__chips'>
            {contacts.map((c) => (
              <Text
                key={c.enterprise.id}
                className={`requests__chip ${c.enterprise.id === chosen ? 'requests__chip--on' : ''}`}
                onClick={() => setEnterpriseId(c.enterprise.id)}
              >
                {c.enterprise.name}
              </Text>
            ))}
          </View>
        </Card>
      ) : null}
      <Card title='诉求内容'>
        <Field label='标题' value={title} onChange={setTitle} placeholder='一句话说明诉求' maxlength={60} name='title' />
        <Textarea
          className='requests__textarea'
          value={description}
          maxlength={2000}
          placeholder='请说明遇到的困难、已做的尝试和希望得到的帮助'
          onInput={(e) => setDescription(e.detail.value)}
        />
        {files.map((f) => (
          <InfoRow key={f.id} label='附件' value={f.name} />
        ))}
        <DjButton variant='secondary' onClick={() => void attach()}>
          添加附件（图片、PDF）
        </DjButton>
      </Card>
      <FormError message={error} />
      <View className='requests__actions'>
        <DjButton loading={busy} disabled={title.trim().length === 0 || description.trim().length === 0} onClick={() => void submit()}>
          提交
        </DjButton>
      </View>
    </View>
  );
}
