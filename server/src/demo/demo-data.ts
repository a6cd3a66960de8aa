/**
 * The demo park as data: an Internet-industry joint committee in a science park over a dozen
 * enterprises (DOMAIN O1, O3, O8). Kept apart from the loader so it reads like a description.
 */
export const PARK_COMMITTEE = '星河科技园互联网产业联合党委';

export const ENTERPRISES = [
  { key: 'xingyun', name: '星云科技有限公司', industry: '云计算', creditCode: '91330106MA2AXY001M' },
  { key: 'jiguang', name: '极光互动网络有限公司', industry: '游戏', creditCode: '91330106MA2AJG002E' },
  { key: 'yunfan', name: '云帆数据服务有限公司', industry: '大数据', creditCode: '91330106MA2AYF0037' },
  { key: 'mozi', name: '墨子网络安全技术有限公司', industry: '网络安全', creditCode: '91330106MA2AMY0041' },
  { key: 'lanjing', name: '蓝鲸电子商务有限公司', industry: '电子商务', creditCode: '91330106MA2ALJ005M' },
  { key: 'qinghe', name: '青禾网络科技有限公司', industry: '社交媒体', creditCode: '91330106MA2AQH006G' },
  { key: 'weilan', name: '微澜信息技术有限公司', industry: '企业软件', creditCode: '91330106MA2AWL0078' },
  { key: 'qiwu', name: '栖梧智能科技有限公司', industry: '人工智能', creditCode: '91330106MA2AQW0086' },
  { key: 'beichen', name: '北辰软件有限公司', industry: '企业软件', creditCode: '91330106MA2ABC0091' },
  { key: 'shiguang', name: '拾光文化传媒有限公司', industry: '数字内容', creditCode: '91330106MA2ATG0107' },
  { key: 'zhixing', name: '知行教育科技有限公司', industry: '在线教育', creditCode: '91330106MA2AYX0117' },
  { key: 'qianfan', name: '千帆出行科技有限公司', industry: '出行服务', creditCode: '91330106MA2AQF012N' },
] as const;
export type EnterpriseKey = (typeof ENTERPRISES)[number]['key'];

/** Branch committees: positions filled from the branch's first full members, in this order. */
export type BranchSpec = {
  key: string;
  name: string;
  enterprises: EnterpriseKey[];
  members: number;
  probationary: number;
  mobile: number;
  /** O4: ≥7 full members → a committee; fewer → secretary (and deputy) only. */
  positions: Array<'secretary' | 'deputy_secretary' | 'organisation_member' | 'propaganda_member' | 'discipline_member'>;
  /** O8: Party groups by job, with how many members each. */
  groups?: string[];
  termStart: string;
  levelApprovalNote?: string;
};

export const JOINT_BRANCH: BranchSpec = {
  key: 'joint',
  name: '园区互联网企业第一联合党支部',
  enterprises: ['qinghe', 'weilan', 'qiwu', 'shiguang', 'zhixing'],
  members: 150,
  probationary: 9,
  mobile: 6,
  positions: ['secretary', 'deputy_secretary', 'organisation_member', 'propaganda_member', 'discipline_member'],
  // O8's example: 150 members → 11 groups, by industry or job.
  groups: ['研发一组', '研发二组', '研发三组', '产品设计组', '数据智能组', '测试运维组', '内容运营组', '市场销售组', '职能管理组', '教研组', '青年突击组'],
  termStart: '2023-12-20',
  levelApprovalNote: '经园区联合党委 2023 年 12 月会议研究并报上级党组织批准，暂以联合党支部形式设置，下设 11 个党小组。',
};

export const ENTERPRISE_BRANCHES: BranchSpec[] = [
  {
    key: 'xingyun',
    name: '星云科技有限公司党支部',
    enterprises: ['xingyun'],
    members: 36,
    probationary: 3,
    mobile: 2,
    positions: ['secretary', 'organisation_member', 'propaganda_member', 'discipline_member', 'deputy_secretary'],
    groups: ['研发党小组', '产品运营党小组', '职能党小组'],
    termStart: '2024-03-15',
  },
  {
    key: 'jiguang',
    name: '极光互动网络有限公司党支部',
    enterprises: ['jiguang'],
    members: 14,
    probationary: 2,
    mobile: 1,
    positions: ['secretary', 'organisation_member', 'propaganda_member'],
    // The term ends soon: the reminder list shows it (O6).
    termStart: '2023-01-10',
  },
  {
    key: 'yunfan',
    name: '云帆数据服务有限公司党支部',
    enterprises: ['yunfan'],
    members: 9,
    probationary: 1,
    mobile: 0,
    positions: ['secretary', 'organisation_member', 'propaganda_member'],
    termStart: '2025-06-01',
  },
  {
    key: 'mozi',
    name: '墨子网络安全技术有限公司党支部',
    enterprises: ['mozi'],
    members: 5,
    probationary: 1,
    mobile: 0,
    positions: ['secretary'],
    termStart: '2024-09-01',
  },
  {
    key: 'beichen',
    name: '北辰软件有限公司党支部',
    enterprises: ['beichen'],
    members: 7,
    probationary: 1,
    mobile: 1,
    positions: ['secretary', 'deputy_secretary'],
    termStart: '2025-01-08',
  },
];

/** One general branch (党总支) over two branches of the same enterprise. */
export const GENERAL_BRANCH = {
  key: 'lanjing',
  name: '蓝鲸电子商务有限公司党总支',
  enterprises: ['lanjing'] as EnterpriseKey[],
  termStart: '2024-05-20',
  branches: [
    {
      key: 'lanjing-tech',
      name: '蓝鲸电商技术党支部',
      enterprises: ['lanjing'],
      members: 32,
      probationary: 3,
      mobile: 2,
      positions: ['secretary', 'organisation_member', 'propaganda_member', 'discipline_member'],
      groups: ['平台研发党小组', '基础架构党小组'],
      termStart: '2024-05-20',
    },
    {
      key: 'lanjing-ops',
      name: '蓝鲸电商运营党支部',
      enterprises: ['lanjing', 'qianfan'],
      members: 26,
      probationary: 2,
      mobile: 3,
      positions: ['secretary', 'organisation_member', 'propaganda_member', 'discipline_member'],
      termStart: '2024-05-20',
    },
  ] satisfies BranchSpec[],
};

export const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split(
    '',
  );
export const GIVEN =
  '子涵 浩然 梓萱 一诺 欣怡 宇轩 思远 雨桐 俊杰 佳怡 明哲 诗涵 晨曦 嘉懿 博文 雅静 振宇 梦琪 天佑 若曦 志强 晓东 海燕 文博 静怡 建华 丽娜 鹏飞 倩 磊 婷 敏 杰 颖 涛 洁 超 琳 伟 芳 亮 娟 峰 莉 斌 霞 军 丹 勇 慧 昊天 思琪 宏伟 晓梅 立新 雪 凯 瑶 彬 蕾 卓然 语嫣 泽宇 心怡 皓轩 子墨 铭泽 安琪 嘉豪 可馨'.split(
    ' ',
  );
export const ETHNICITIES = ['汉族', '汉族', '汉族', '汉族', '汉族', '汉族', '汉族', '汉族', '回族', '满族', '壮族', '土家族', '苗族', '蒙古族'];
export const POSTS = [
  '后端工程师',
  '前端工程师',
  '产品经理',
  '数据分析师',
  '测试工程师',
  '运维工程师',
  'UI 设计师',
  '运营专员',
  '市场经理',
  '人力资源',
  '财务专员',
  '算法工程师',
  '技术总监',
  '客服主管',
  '内容编辑',
];
export const EDUCATIONS = ['bachelor', 'bachelor', 'bachelor', 'master', 'master', 'college', 'doctor'] as const;
