import { actionsEn, actionsZh } from './actionsMessages';
import { auditEn, auditZh } from './auditMessages';
import { bulletinsEn, bulletinsZh } from './bulletinsMessages';
import { cockpitEn, cockpitZh } from './cockpitMessages';
import { dispatchEn, dispatchZh } from './dispatchMessages';
import { feedbackEn, feedbackZh } from './feedbackMessages';
import { feedback2En, feedback2Zh } from './feedback2Messages';
import { indicatorsEn, indicatorsZh } from './indicatorsMessages';
import { inspectionsEn, inspectionsZh } from './inspectionsMessages';
import { knowledgeEn, knowledgeZh } from './knowledgeMessages';
import { lifecycleEn, lifecycleZh } from './lifecycleMessages';
import { supervisionEn, supervisionZh } from './supervisionMessages';
import { tasksEn, tasksZh } from './tasksMessages';

/** Shell strings. Chinese is the reference; English must provide every key (checked by the type). */
export const zh = {
  'app.title': '营商环境改革推进平台',
  'app.switchLanguage': 'English',

  'menu.workbench': '我的工作台',
  'menu.cockpit': '驾驶舱',
  'menu.tasks': '任务台账',
  'menu.supervision': '督查考评',
  'menu.indicators': '指标对标',
  'menu.feedback': '企业诉求',
  'menu.bulletins': '通报',
  'menu.audit': '审计日志',
  'menu.admin': '系统管理',
  'menu.open': '打开菜单',

  'login.username': '用户名',
  'login.password': '密码',
  'login.usernameRequired': '请输入用户名',
  'login.passwordRequired': '请输入密码',
  'login.submit': '登录',
  'login.failed': '登录失败，请稍后重试',
  'login.network': '无法连接服务器，请检查网络后重试',

  'shell.logout': '退出登录',
  'shell.readOnly': '只读',
  'shell.loadingUser': '正在加载用户信息…',
  'shell.userLoadFailed': '无法加载当前用户信息',
  'shell.retry': '重试',


  'noUi.hotlineTitle': '12345 热线对接账号',
  'noUi.hotlineText': '该账号仅用于 12345 热线系统的接口对接（推送工单、查询办理状态），没有界面功能。',
  'noUi.title': '暂无可用功能',
  'noUi.text': '当前账号未分配可使用界面的角色，请联系改革办开通权限。',

  'error.forbidden': '当前账号无权访问此页面。',
  'error.notFound': '页面不存在。',
  'error.backHome': '返回首页',
  'error.loadFailed': '数据加载失败',

  'admin.users': '用户',
  'admin.units': '单位',
  'admin.searchUsers': '搜索用户名或姓名',
  'admin.searchUnits': '搜索单位名称、简称或编码',
  'admin.allKinds': '全部类型',
  'admin.total': '共 {total} 条',
  'admin.username': '用户名',
  'admin.displayName': '姓名',
  'admin.unit': '所属单位',
  'admin.roles': '角色',
  'admin.active': '状态',
  'admin.isActive': '启用',
  'admin.inactive': '停用',
  'admin.locked': '锁定',
  'admin.lockedUntil': '锁定至 {time}',
  'admin.notLocked': '未锁定',
  'admin.unitName': '单位名称',
  'admin.shortName': '简称',
  'admin.kind': '类型',
  'admin.code': '编码',

  'role.reform_office': '改革办',
  'role.leader': '市领导',
  'role.group_lead': '专项小组',
  'role.lead_unit': '牵头单位',
  'role.unit': '责任单位',
  'role.district': '区县',
  'role.hotline': '12345 热线',
  'role.auditor': '审计员',

  'kind.reform_office': '改革办',
  'kind.department': '市直部门',
  'kind.district': '区县',
  'kind.court_other': '法院及其他',
  'kind.hotline': '12345 热线',
  'kind.enterprise': '企业',

  ...tasksZh,
  ...bulletinsZh,
  ...cockpitZh,
  ...supervisionZh,
  ...inspectionsZh,
  ...actionsZh,
  ...indicatorsZh,
  ...lifecycleZh,
  ...feedbackZh,
  ...feedback2Zh,
  ...auditZh,
  ...dispatchZh,
  ...knowledgeZh,
} as const;

export type MessageKey = keyof typeof zh;

export const en: Record<MessageKey, string> = {
  'app.title': 'Business Environment Reform Platform',
  'app.switchLanguage': '中文',

  'menu.workbench': 'My Workbench',
  'menu.cockpit': 'Cockpit',
  'menu.tasks': 'Task Ledger',
  'menu.supervision': 'Supervision',
  'menu.indicators': 'Indicators',
  'menu.feedback': 'Enterprise Feedback',
  'menu.bulletins': 'Bulletins',
  'menu.audit': 'Audit log',
  'menu.admin': 'Administration',
  'menu.open': 'Open menu',

  'login.username': 'Username',
  'login.password': 'Password',
  'login.usernameRequired': 'Please enter your username',
  'login.passwordRequired': 'Please enter your password',
  'login.submit': 'Sign in',
  'login.failed': 'Sign-in failed, please try again later',
  'login.network': 'Cannot reach the server, please check the network and retry',

  'shell.logout': 'Sign out',
  'shell.readOnly': 'Read-only',
  'shell.loadingUser': 'Loading user…',
  'shell.userLoadFailed': 'Could not load the current user',
  'shell.retry': 'Retry',


  'noUi.hotlineTitle': '12345 hotline integration account',
  'noUi.hotlineText': 'This account is only used by the 12345 hotline system to push work orders and read their status. It has no UI functions.',
  'noUi.title': 'No functions available',
  'noUi.text': 'This account has no role with UI access. Please ask the reform office to grant access.',

  'error.forbidden': 'This account may not open this page.',
  'error.notFound': 'Page not found.',
  'error.backHome': 'Back to home',
  'error.loadFailed': 'Failed to load data',

  'admin.users': 'Users',
  'admin.units': 'Units',
  'admin.searchUsers': 'Search username or name',
  'admin.searchUnits': 'Search unit name, short name or code',
  'admin.allKinds': 'All kinds',
  'admin.total': '{total} in total',
  'admin.username': 'Username',
  'admin.displayName': 'Name',
  'admin.unit': 'Unit',
  'admin.roles': 'Roles',
  'admin.active': 'Status',
  'admin.isActive': 'Active',
  'admin.inactive': 'Inactive',
  'admin.locked': 'Lock',
  'admin.lockedUntil': 'Locked until {time}',
  'admin.notLocked': 'Not locked',
  'admin.unitName': 'Unit name',
  'admin.shortName': 'Short name',
  'admin.kind': 'Kind',
  'admin.code': 'Code',

  'role.reform_office': 'Reform office',
  'role.leader': 'City leader',
  'role.group_lead': 'Special group',
  'role.lead_unit': 'Lead unit',
  'role.unit': 'Responsible unit',
  'role.district': 'District',
  'role.hotline': '12345 hotline',
  'role.auditor': 'Auditor',

  'kind.reform_office': 'Reform office',
  'kind.department': 'City department',
  'kind.district': 'District',
  'kind.court_other': 'Court / other',
  'kind.hotline': '12345 hotline',
  'kind.enterprise': 'Enterprise',

  ...tasksEn,
  ...bulletinsEn,
  ...cockpitEn,
  ...supervisionEn,
  ...inspectionsEn,
  ...actionsEn,
  ...indicatorsEn,
  ...lifecycleEn,
  ...feedbackEn,
  ...feedback2En,
  ...auditEn,
  ...dispatchEn,
  ...knowledgeEn,
};

export const messages = { zh, en } as const;
