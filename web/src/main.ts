import { createApp } from 'vue';
import { createPinia } from 'pinia';
import ElementPlus from 'element-plus';
import 'element-plus/dist/index.css';
import './styles.css';
import App from './App.vue';
import { i18n, currentLocale } from './i18n';
import { createAppRouter } from './router';
import { vSafeHtml } from './utils/sanitize';

document.documentElement.lang = currentLocale();
const app = createApp(App);
app.use(createPinia());
app.use(i18n);
app.use(createAppRouter());
app.use(ElementPlus);
app.directive('safe-html', vSafeHtml);
app.mount('#app');
