/** Strings of the supervision area's shell (督查考评); each section keeps its own strings in its own file. */
export const supervisionZh = {
  'sup.section.actions': '专项行动',
  'sup.section.battleMap': '作战图',
  'sup.section.inspections': '督察整改',
  'sup.section.evaluations': '考评',
  'sup.section.pilots': '基层创新试点',
  'sup.section.practices': '最佳实践',
} as const;

export const supervisionEn: Record<keyof typeof supervisionZh, string> = {
  'sup.section.actions': 'Special actions',
  'sup.section.battleMap': 'Battle map',
  'sup.section.inspections': 'Inspections',
  'sup.section.evaluations': 'Evaluations',
  'sup.section.pilots': 'Pilots',
  'sup.section.practices': 'Best practices',
};
