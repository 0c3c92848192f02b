// Routes. Each area of the console is ONE entry in `areas`: a route with `meta.menu` appears in
// the side menu (ordered by `order`, shown only with its permission). Tickets, calendars, SLA …
// are added here as their APIs land.
import { createRouter, createWebHistory, type RouteRecordRaw, type Router, type RouterHistory } from 'vue-router';
import type { Component } from 'vue';
import { Box, Calendar as CalendarIcon, ChatLineSquare, Cpu, Connection, DataAnalysis, Document, EditPen, Goods, Grid, Histogram, Iphone, Lock, OfficeBuilding, PhoneFilled, Setting, SetUp, Share, Tickets, Timer, Tools, TrendCharts, User, UserFilled, Van, WarnTriangleFilled } from '@element-plus/icons-vue';
import { onUnauthenticated } from '@/api/client';
import { useSessionStore } from '@/stores/session';
import { i18n } from '@/i18n';

export interface MenuMeta {
  title: string; // i18n key
  customerTitle?: string; // i18n key shown to customers (the portal's wording)
  icon: Component;
  order: number;
  permission?: string; // shown in the menu only with this (default: the route's permission)
}

declare module 'vue-router' {
  interface RouteMeta {
    title?: string; // i18n key for the page title
    customerTitle?: string; // the page title for customers, when it differs
    public?: boolean; // no sign-in needed
    permission?: string; // needed to open the page
    menu?: MenuMeta; // present: the route is a side-menu entry
    activeMenu?: string; // for detail pages: the menu entry (route name) to highlight
  }
}

export const areas: RouteRecordRaw[] = [
  {
    path: 'dashboard',
    name: 'dashboard',
    component: () => import('@/views/DashboardView.vue'),
    meta: { title: 'dashboard.title', permission: 'ticket.read', menu: { title: 'admin.menu.dashboard', icon: DataAnalysis, order: 6, permission: 'ticket.write' } },
  },
  {
    path: 'kpis',
    name: 'kpis',
    component: () => import('@/views/kpis/KpisView.vue'),
    meta: { title: 'kpis.title', permission: 'kpi.read', menu: { title: 'kpis.menu', icon: TrendCharts, order: 11 } },
  },
  {
    path: 'statistics',
    name: 'statistics',
    component: () => import('@/views/kpis/StatisticsView.vue'),
    meta: { title: 'kpis.statisticsTitle', permission: 'statistics.read', menu: { title: 'kpis.statisticsMenu', icon: Histogram, order: 12 } },
  },
  {
    path: 'tickets',
    name: 'tickets',
    component: () => import('@/views/TicketsView.vue'),
    meta: {
      title: 'menu.tickets', customerTitle: 'menu.myTickets', permission: 'ticket.read',
      menu: { title: 'menu.tickets', customerTitle: 'menu.myTickets', icon: Tickets, order: 5 },
    },
  },
  {
    path: 'tickets/:id(\\d+)',
    name: 'ticket',
    component: () => import('@/views/TicketDetailView.vue'),
    props: (route) => ({ id: Number(route.params.id) }),
    meta: { title: 'ticket.detailTitle', permission: 'ticket.read', activeMenu: 'tickets' },
  },
  {
    // The service catalogue: request items with their forms (the portal's way to raise a request).
    path: 'catalogue',
    name: 'catalogue',
    component: () => import('@/views/CatalogueView.vue'),
    meta: { title: 'desk.catalogue.title', permission: 'catalogue.read', menu: { title: 'desk.catalogue.title', icon: Goods, order: 7 } },
  },
  {
    path: 'catalogue-admin',
    name: 'catalogue-admin',
    component: () => import('@/views/CatalogueAdminView.vue'),
    meta: { title: 'desk.builder.title', permission: 'catalogue.manage', menu: { title: 'desk.builder.title', icon: SetUp, order: 27 } },
  },
  {
    // Global search (the header's box): no menu entry.
    path: 'search',
    name: 'search',
    component: () => import('@/views/SearchView.vue'),
    meta: { title: 'desk.search.title', permission: 'ticket.read', activeMenu: 'tickets' },
  },
  {
    // Read-only diagrams of the lifecycles. The API reads them for anyone signed in; the page is
    // for administrators ("*"), or a role granted lifecycle.read.
    path: 'lifecycles/:kind(incident|request)?',
    name: 'lifecycles',
    component: () => import('@/views/LifecycleView.vue'),
    props: (route) => ({ kind: route.params.kind || 'incident' }),
    meta: { title: 'ticket.lifecycleTitle', permission: 'lifecycle.read', menu: { title: 'menu.lifecycles', icon: Share, order: 30 } },
  },
  {
    // The engineer's phone view: orders dispatched to me, the repair sheet, the signature.
    path: 'engineer',
    name: 'engineer',
    component: () => import('@/views/engineer/EngineerView.vue'),
    meta: { title: 'engineer.title', permission: 'work_order.work', menu: { title: 'engineer.menu', icon: Iphone, order: 10 } },
  },
  // The after-sales back office (售后管理): work orders, the dispatch board, parts, products.
  {
    path: 'work-orders',
    name: 'work-orders',
    component: () => import('@/views/aftersales/WorkOrdersView.vue'),
    meta: { title: 'aftersales.workOrders.title', permission: 'work_order.read', menu: { title: 'aftersales.menu.workOrders', icon: Tools, order: 9.1, permission: 'work_order.write' } },
  },
  {
    path: 'work-orders/:id(\\d+)',
    name: 'work-order',
    component: () => import('@/views/aftersales/WorkOrderDetailView.vue'),
    props: (route) => ({ id: Number(route.params.id) }),
    meta: { title: 'aftersales.workOrders.detailTitle', permission: 'work_order.read', activeMenu: 'work-orders' },
  },
  {
    path: 'dispatch',
    name: 'dispatch',
    component: () => import('@/views/aftersales/DispatchBoardView.vue'),
    meta: { title: 'aftersales.dispatch.title', permission: 'work_order.dispatch', menu: { title: 'aftersales.menu.dispatch', icon: Van, order: 9.2 } },
  },
  {
    path: 'parts',
    name: 'parts',
    component: () => import('@/views/aftersales/PartsView.vue'),
    meta: { title: 'aftersales.parts.title', permission: 'part.read', menu: { title: 'aftersales.menu.parts', icon: Box, order: 9.3, permission: 'part.write' } },
  },
  {
    path: 'products',
    name: 'products',
    component: () => import('@/views/aftersales/ProductsView.vue'),
    meta: { title: 'aftersales.products.title', permission: 'product.read', menu: { title: 'aftersales.menu.products', icon: Cpu, order: 9.4, permission: 'product.write' } },
  },
  {
    path: 'organisations',
    name: 'organisations',
    component: () => import('@/views/OrganisationsView.vue'),
    meta: { title: 'menu.organisations', permission: 'organisation.read', menu: { title: 'menu.organisations', icon: OfficeBuilding, order: 15 } },
  },
  {
    path: 'organisations/:id(\\d+)',
    name: 'organisation',
    component: () => import('@/views/OrganisationDetailView.vue'),
    props: (route) => ({ id: Number(route.params.id) }),
    meta: { title: 'organisation.detailTitle', permission: 'organisation.read', activeMenu: 'organisations' },
  },
  {
    path: 'calendars',
    name: 'calendars',
    component: () => import('@/views/CalendarsView.vue'),
    meta: { title: 'menu.calendars', permission: 'calendar.read', menu: { title: 'menu.calendars', icon: CalendarIcon, order: 20 } },
  },
  {
    path: 'calendars/:id',
    name: 'calendar',
    component: () => import('@/views/CalendarDetailView.vue'),
    props: (route) => ({ id: String(route.params.id) }),
    meta: { title: 'calendars.detailTitle', permission: 'calendar.read', activeMenu: 'calendars' },
  },
  {
    path: 'sla-policies',
    name: 'sla-policies',
    component: () => import('@/views/SlaPoliciesView.vue'),
    meta: { title: 'admin.sla.title', permission: 'sla.read', menu: { title: 'admin.menu.sla', icon: Timer, order: 25 } },
  },
  {
    path: 'priority-matrix',
    name: 'priority-matrix',
    component: () => import('@/views/PriorityMatrixView.vue'),
    meta: { title: 'admin.matrix.title', permission: 'priority_matrix.read', menu: { title: 'admin.menu.matrix', icon: Grid, order: 26, permission: 'priority_matrix.write' } },
  },
  {
    path: 'users',
    name: 'users',
    component: () => import('@/views/UsersView.vue'),
    meta: { title: 'admin.users.title', permission: 'user.read', menu: { title: 'admin.menu.users', icon: UserFilled, order: 40, permission: 'user.write' } },
  },
  {
    path: 'groups',
    name: 'groups',
    component: () => import('@/views/GroupsView.vue'),
    meta: { title: 'admin.groups.title', permission: 'group.read', menu: { title: 'admin.menu.groups', icon: Connection, order: 41 } },
  },
  {
    path: 'roles',
    name: 'roles',
    component: () => import('@/views/RolesView.vue'),
    meta: { title: 'admin.roles.title', permission: 'role.read', menu: { title: 'admin.menu.roles', icon: Lock, order: 42, permission: 'role.write' } },
  },
  {
    path: 'surveys/templates',
    name: 'survey-templates',
    component: () => import('@/views/surveys/SurveyTemplatesView.vue'),
    meta: { title: 'surveys.templates.title', permission: 'survey.read', menu: { title: 'surveys.menu.templates', icon: Document, order: 50, permission: 'survey.write' } },
  },
  {
    path: 'surveys/campaigns',
    name: 'survey-campaigns',
    component: () => import('@/views/surveys/SurveyCampaignsView.vue'),
    meta: { title: 'surveys.campaigns.title', permission: 'survey.read', menu: { title: 'surveys.menu.campaigns', icon: ChatLineSquare, order: 51 } },
  },
  {
    path: 'surveys/campaigns/:id(\\d+)/report',
    name: 'survey-report',
    component: () => import('@/views/surveys/SurveyReportView.vue'),
    meta: { title: 'surveys.report.title', permission: 'survey.read', activeMenu: 'survey-campaigns' },
  },
  {
    path: 'surveys/mine',
    name: 'survey-mine',
    component: () => import('@/views/surveys/SurveyFillView.vue'),
    meta: { title: 'surveys.form.title', permission: 'survey.respond', menu: { title: 'surveys.menu.mine', icon: EditPen, order: 52 } },
  },
  {
    path: 'complaints',
    name: 'complaints',
    component: () => import('@/views/complaints/ComplaintsView.vue'),
    meta: { title: 'crm.complaints.title', permission: 'complaint.read', menu: { title: 'crm.menu.complaints', icon: WarnTriangleFilled, order: 8 } },
  },
  {
    path: 'complaints/:id(\\d+)',
    name: 'complaint',
    component: () => import('@/views/complaints/ComplaintDetailView.vue'),
    props: (route) => ({ id: Number(route.params.id) }),
    meta: { title: 'crm.complaints.detailTitle', permission: 'complaint.read', activeMenu: 'complaints' },
  },
  {
    path: 'follow-ups',
    name: 'follow-ups',
    component: () => import('@/views/follow-ups/FollowUpsView.vue'),
    meta: { title: 'crm.followUps.title', permission: 'follow_up.read', menu: { title: 'crm.menu.followUps', icon: PhoneFilled, order: 9 } },
  },
  {
    path: 'care-settings',
    name: 'care-settings',
    component: () => import('@/views/follow-ups/CrmSettingsView.vue'),
    meta: { title: 'crm.settings.title', permission: 'follow_up.read', menu: { title: 'crm.menu.settings', icon: Setting, order: 27, permission: 'crm_settings.write' } },
  },
  {
    path: 'customers/:id(\\d+)/archive',
    name: 'customer-archive',
    component: () => import('@/views/customers/CustomerArchiveView.vue'),
    props: (route) => ({ id: Number(route.params.id) }),
    meta: { title: 'crm.archive.title', permission: 'customer_archive.read', activeMenu: 'organisations' },
  },
  {
    path: 'account',
    name: 'account',
    component: () => import('@/views/AccountView.vue'),
    meta: { title: 'menu.account', menu: { title: 'menu.account', icon: User, order: 90 } },
  },
];

export interface MenuEntry extends MenuMeta {
  name: string;
  permission?: string;
}

export function menuEntries(can: (permission: string) => boolean, role?: string): MenuEntry[] {
  return areas
    .filter((r) => {
      const needed = r.meta?.menu?.permission ?? r.meta?.permission;
      return r.meta?.menu && (!needed || can(needed));
    })
    .map((r) => {
      const m = r.meta!.menu!;
      return { ...m, title: role === 'customer' && m.customerTitle ? m.customerTitle : m.title, name: String(r.name), permission: r.meta!.permission };
    })
    .sort((a, b) => a.order - b.order);
}

export const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('@/views/LoginView.vue'), meta: { public: true, title: 'auth.title' } },
  // The form behind an e-mailed survey link: no sign-in.
  { path: '/survey/:token', name: 'survey-token', component: () => import('@/views/surveys/SurveyFillView.vue'), meta: { public: true, title: 'surveys.form.title' } },
  {
    path: '/',
    component: () => import('@/layouts/AppLayout.vue'),
    // '' is only a redirect target: the guard sends it to the first menu entry the user may open.
    children: [{ path: '', name: 'home', component: { render: () => null } }, ...areas],
  },
  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('@/views/NotFoundView.vue'), meta: { public: true, title: 'notFound.title' } },
];

// The page title's i18n key for this user (customers see the portal's wording).
export function pageTitleKey(meta: { title?: string; customerTitle?: string }, role?: string): string | undefined {
  return role === 'customer' && meta.customerTitle ? meta.customerTitle : meta.title;
}

export function createAppRouter(history: RouterHistory = createWebHistory()): Router {
  const router = createRouter({ history, routes, scrollBehavior: () => ({ top: 0 }) });

  router.beforeEach(async (to) => {
    const session = useSessionStore();
    if (!session.loaded) await session.load().catch(() => null);
    if (to.meta.public) {
      if (to.name === 'login' && session.signedIn) return { name: 'home' };
      return true;
    }
    if (!session.signedIn) return { name: 'login', query: to.fullPath !== '/' && to.name !== 'home' ? { redirect: to.fullPath } : {} };
    if (to.name === 'home') {
      const first = menuEntries(session.can, session.me?.role)[0];
      return first ? { name: first.name } : { name: 'account' };
    }
    if (to.meta.permission && !session.can(to.meta.permission)) return { name: 'not-found', params: { pathMatch: to.path.slice(1).split('/') } };
    return true;
  });

  router.afterEach((to) => {
    const key = pageTitleKey(to.meta, useSessionStore().me?.role);
    const title = key ? String(i18n.global.t(key)) : '';
    document.title = title ? `${title} · ${i18n.global.t('app.name')}` : String(i18n.global.t('app.name'));
  });

  // Any 401 from the API (session expired, signed out elsewhere): back to the sign-in page.
  onUnauthenticated(() => {
    const session = useSessionStore();
    const wasSignedIn = session.signedIn;
    session.clear();
    const current = router.currentRoute.value;
    if (current.name !== 'login') {
      void router.replace({ name: 'login', query: { redirect: current.fullPath, ...(wasSignedIn ? { expired: '1' } : {}) } });
    }
  });

  return router;
}
