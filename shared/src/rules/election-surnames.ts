/*
 * E5: candidates are listed by surname stroke count (姓氏笔画). A compact table of 543 surname
 * characters (the ~500 most common surnames, every surname of the demo and bench data, and the
 * characters of the common compound surnames), generated once from cnchar 3.2.6 (stroke counts and
 * stroke order) and cross-checked against Unihan's kTotalStrokes (Unicode 15): no disagreement.
 *
 * Each entry lists the characters with that many strokes in 笔顺 order: by the class of the first
 * stroke (横 一, 竖 丨, 撇 丿, 点 丶, 折 乛; 提 counts as 横, 竖钩 as 竖, 捺 as 点), then the second
 * stroke, and so on (GB 13000.1 笔顺规范); characters whose strokes fall in the same classes
 * throughout (于/干) keep code point order.
 */
const BY_STROKES: Readonly<Record<number, string>> = {
  2: '丁卜人刁乜',
  3: '于干万上山广门弓卫子习马',
  4: '丰王亓井元韦云木五支太区尤车巨戈贝牛毛长仇仉父公乌凤勾殳卞文亢方计尹孔巴邓双毋',
  5: '玉正甘艾古左厉石龙平东北卢帅叶申田由史冉生丘付白仝丛令印乐包邝宁冯兰司弘尕皮边台母',
  6: '匡邢戎吉巩朴权西厍百成夹尧毕农师曲吕朱舌乔伍伏延仲任华仰伊向后全危邬庄刘齐衣宇充安闫闭羊关米江汲池汤祁许那阮孙阳阴牟红纪',
  7: '寿麦扶贡却劳芮花苍严芦苏杜巫李杨甫束豆邴怀来连轩步肖时吴里别岑利邱何但佟位佘余谷邸狄邹况应冷辛宋冶闵汪沈沙沃良初迟张陆阿陈邵邰',
  8: '奉武拓幸苗苟苑范茅林松杭郁欧郏叔卓尚国明易呼罗牧和季竺岳佴金郄周郇鱼狐冼庞庚宗宓官於空郑单郎房居屈孟孤练驷终经',
  9: '封项政赵贲郝荆荣荀胡茹南柯查相柏柳郦咸战冒哈钟钮郜秋种段修信皇禹侯俟须俞郗独逄昝饶宣宦宫施闻闾养姜娄洪祖祝费胥姚贺羿骆',
  10: '秦班敖袁都索耿聂莫莘晋桂桓栗贾夏原顾柴党晁晏钱倪徒徐殷奚翁卿凌栾高郭席离唐家宾容宰益浦海涂诸谈展陶姬通能桑',
  11: '堵黄萧梅曹戚龚盛堂常鄂崔银符第盘庹麻庾康鹿章商寇宿阎盖淡淳梁谌扈逯尉屠隋隗隆巢',
  12: '越揭彭斯葛董敬蒋韩辜植惠覃粟景跋喻黑智嵇程税傅焦储舒鲁童富普曾湛滑游禄谢强',
  13: '雷鄢靳蒙蓝蒯蓟蓬蒲楚楼裘赖甄慎訾虞路简微詹鲍解廉靖窦雍阙满褚',
  14: '赫慕蔡蔺蔚臧辕裴管鲜廖韶端阚漆谭谯暨翟熊缪',
  15: '樊暴颛黎滕颜潘禤',
  16: '霍燕薛薄融冀穆衡雕澹',
  17: '璩戴鞠檀魏糜濮',
  18: '瞿',
  20: '壤籍',
  21: '夔',
};

/** Compound surnames (复姓): the surname is both characters when a name of 3+ characters starts with one. */
export const COMPOUND_SURNAMES: ReadonlyArray<string> =
  '欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 令狐 慕容 夏侯 长孙 宇文 司徒 端木 呼延 万俟 闻人 赫连 澹台 公冶 宗政 濮阳 淳于 单于 太叔 申屠 仲孙 轩辕 钟离 鲜于 闾丘 司空 亓官 司寇 子车 颛孙 巫马 公西 漆雕 乐正 壤驷 公良 拓跋 夹谷 宰父 谷梁 段干 百里 东郭 南门 羊舌 微生 梁丘 左丘 东门 西门 南宫 第五 独孤 北堂 公羊'.split(
    ' ',
  );

const RANK = new Map<string, { strokes: number; rank: number }>();
for (const [strokes, chars] of Object.entries(BY_STROKES)) {
  [...chars].forEach((c, i) => RANK.set(c, { strokes: Number(strokes), rank: i }));
}

/** Stroke count and position (in 笔顺 order among characters of that count) of a surname character, or null. */
export function surnameCharKey(c: string): { strokes: number; rank: number } | null {
  return RANK.get(c) ?? null;
}

/** The number of surname characters in the table. */
export const SURNAME_TABLE_SIZE = RANK.size;
