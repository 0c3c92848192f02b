// "Are you sure?" before something that cannot be undone, then the action: its failure is shown
// like every API error, its success (when `done` is given) as a message.
import { ElMessage, ElMessageBox } from 'element-plus';
import { useI18n } from 'vue-i18n';
import { useApiError } from './useApiError';

export function useConfirm() {
  const { t } = useI18n();
  const { show } = useApiError();

  async function confirm(message: string, button: string = t('common.delete')): Promise<boolean> {
    try {
      await ElMessageBox.confirm(message, t('admin.confirmTitle'), { type: 'warning', confirmButtonText: button, cancelButtonText: t('common.cancel') });
      return true;
    } catch {
      return false;
    }
  }

  // Resolves true when confirmed and done.
  async function confirmThen(message: string, action: () => Promise<unknown>, opts: { button?: string; done?: string } = {}): Promise<boolean> {
    if (!(await confirm(message, opts.button))) return false;
    try {
      await action();
      if (opts.done) ElMessage({ type: 'success', message: opts.done });
      return true;
    } catch (e) {
      show(e);
      return false;
    }
  }

  return { confirm, confirmThen };
}
