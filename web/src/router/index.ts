// Routes. Each area of the console is ONE entry in `areas`: a route with `meta.menu` appears in
// the side menu (ordered by `order`, shown only with its permission). Tickets, calendars, SLA …
// are added here as their APIs land.
import { createRouter, createWebHistory, type RouteRecordRaw, type Router, type RouterHistory } from 'vue-router';
import type { Component } from 'vue';
import { Calendar as CalendarIcon, OfficeBuilding, User } from '@element-plus/icons-vue';
import { onUnauthenticated } from '@/api/client';
import { useSessionStore } from '@/stores/session';
import { i18n } from '@/i18n';

export interface MenuMeta {
  title: string; // i18n key
  icon: Component;
  order: number;
}

declare module 'vue-router' {
  interface RouteMeta {
    title?: string; // i18n key for the page title
    public?: boolean; // no sign-in needed
    permission?: string; // needed to open the page
    menu?: MenuMeta; // present: the route is a side-menu entry
    activeMenu?: string; // for detail pages: the menu entry (route name) to highlight
  }
}

export const areas: RouteRecordRaw[] = [
  {
    path: 'organisations',
    name: 'organisations',
    component: () => import('@/views/OrganisationsView.vue'),
    meta: { title: 'menu.organisations', permission: 'organisation.read', menu: { title: 'menu.organisations', icon: OfficeBuilding, order: 10 } },
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

export function menuEntries(can: (permission: string) => boolean): MenuEntry[] {
  return areas
    .filter((r) => r.meta?.menu && (!r.meta.permission || can(r.meta.permission)))
    .map((r) => ({ ...r.meta!.menu!, name: String(r.name), permission: r.meta!.permission }))
    .sort((a, b) => a.order - b.order);
}

export const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('@/views/LoginView.vue'), meta: { public: true, title: 'auth.title' } },
  {
    path: '/',
    component: () => import('@/layouts/AppLayout.vue'),
    // '' is only a redirect target: the guard sends it to the first menu entry the user may open.
    children: [{ path: '', name: 'home', component: { render: () => null } }, ...areas],
  },
  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('@/views/NotFoundView.vue'), meta: { public: true, title: 'notFound.title' } },
];

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
      const first = menuEntries(session.can)[0];
      return first ? { name: first.name } : { name: 'account' };
    }
    if (to.meta.permission && !session.can(to.meta.permission)) return { name: 'not-found', params: { pathMatch: to.path.slice(1).split('/') } };
    return true;
  });

  router.afterEach((to) => {
    const title = to.meta.title ? String(i18n.global.t(to.meta.title)) : '';
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
