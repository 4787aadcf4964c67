/**
 * Strings of the public 营商环境我来评 (/report/rate) and 晾晒 (/report/league) pages, and the two header links.
 * Like text.ts, Chinese only and without the staff app's i18n provider (the light entry carries no library).
 */
const zh = {
  navRate: '我来评',
  navLeague: '晾晒榜',

  rateTitle: '营商环境我来评',
  rateIntro: '对办过的涉企事项打分。1～2 星并填写意见的，将转为诉求交相关部门办理答复。',
  rateLoadFailed: '事项清单加载失败，请检查网络后重试。',
  sectionService: '评价事项',
  serviceSearch: '搜索事项或部门',
  serviceSearchPlaceholder: '如：用水、不动产、税务',
  serviceNone: '没有找到相关事项，请换个关键词。',
  serviceRequired: '请选择要评价的事项',
  serviceStats: '{count} 条评价 · 平均 {average} 星',
  serviceNoStats: '暂无评价',
  serviceChosen: '已选：{name}（{unit}）',
  serviceChange: '重新选择',
  sectionStars: '星级评价',
  stars: '星级',
  starsRequired: '请选择星级',
  star1: '很不满意',
  star2: '不满意',
  star3: '基本满意',
  star4: '满意',
  star5: '非常满意',
  starLabel: '{n} 星：{label}',
  comment: '评价意见',
  commentHint: '最多 1000 字。',
  commentLowHint: '填写意见后，本次评价将转为诉求办理，承办部门会答复。',
  commentTooLong: '评价意见不能超过 1000 字',
  sectionContact: '企业与联系方式',
  contactIntro: '均为选填。不填写也可评价；低分评价会以匿名建议办理，凭查询码查询进度。',
  enterpriseName: '企业名称',
  enterpriseTooLong: '企业名称不能超过 200 字',
  phone: '联系电话',
  phoneHint: '填写后低分评价按投诉办理，可凭查询码和电话查询、评价办理结果；电话加密保存，不会公开。',
  submit: '提交评价',
  submitting: '正在提交…',
  fixErrors: '请按提示修改标注的内容后再提交。',

  thanksTitle: '感谢您的评价',
  thanksRated: '您对「{service}」的评价：{stars} 星',
  becameCase: '已转为诉求，查询码',
  becameCaseNo: '诉求编号：{caseNo}',
  becameCaseHint: '请截图或抄写保存查询码，凭查询码（和填写的电话）可查询办理进度。',
  goTrack: '查询办理进度',
  rateAnother: '再评一项',

  leagueTitle: '诉求办理晾晒榜',
  leagueIntro: '各承办单位、区县办理企业诉求的签收率、按期办结率、一次性化解率和满意率，按综合得分排名。',
  leaguePeriod: '期间',
  leagueKind: '排名对象',
  kindUnit: '承办单位',
  kindDistrict: '区县',
  periodYear: '{year}年',
  periodQuarter: '{year}年第{q}季度',
  periodMonth: '{year}年{month}月',
  leagueLoading: '正在加载…',
  leagueLoadFailed: '晾晒榜加载失败，请稍后重试。',
  leagueEmpty: '本期暂无参与排名的单位。',
  leagueRanked: '参与排名',
  leagueUnranked: '不参与排名',
  leagueUnrankedHint: '期内受理少于 {min} 件（或无可计算指标）的单位不参与排名。',
  leagueVolume: '受理 {volume} 件',
  leagueReopens: '重办 {count} 次',
  leagueComposite: '综合得分',
  rateResponse: '签收率',
  rateOnTime: '按期办结率',
  rateOneTime: '一次性化解率',
  rateSatisfaction: '满意率',
  leagueWeights: '综合得分 = 签收率×{response} + 按期办结率×{on_time} + 一次性化解率×{one_time} + 满意率×{satisfaction}（按权重加权平均）− 重办扣分。',
  leagueAsOf: '数据截至 {time}，不含任何个人信息。',
} as const;

export type RateTextKey = keyof typeof zh;

/** The text for `key`, with `{name}` placeholders filled in. */
export function rt(key: RateTextKey, vars?: Record<string, string | number>): string {
  const template: string = zh[key];
  return vars ? template.replace(/\{(\w+)\}/g, (match, name: string) => (name in vars ? String(vars[name]) : match)) : template;
}
