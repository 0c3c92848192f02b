// The dashboard's messages, merged into zh-CN.ts and en.ts as `dashboard` (same keys in both).
export const dashboardZh = {
  title: '仪表盘',
  open: '未结工单',
  atRisk: 'SLA 即将到期（{h} 小时内）',
  breached: 'SLA 已超时',
  byState: '未结工单 · 按状态',
  byGroup: '未结工单 · 按支持组',
  trend: '近 {n} 天新建与解决',
  created: '新建',
  resolved: '解决',
  noGroup: '未分派',
  noOpen: '没有未结工单',
};

export const dashboardEn: typeof dashboardZh = {
  title: 'Dashboard',
  open: 'Open tickets',
  atRisk: 'SLA due within {h} hours',
  breached: 'SLA breached',
  byState: 'Open tickets by state',
  byGroup: 'Open tickets by group',
  trend: 'Created and resolved, last {n} days',
  created: 'Created',
  resolved: 'Resolved',
  noGroup: 'No group',
  noOpen: 'No open tickets',
};
