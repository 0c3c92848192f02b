// Shows API errors the same way everywhere: field errors next to form fields, 412 as "the record
// changed, reload?", the rest as a message with the request id.
import { ElMessage, ElMessageBox } from 'element-plus';
import { useI18n } from 'vue-i18n';
import { ApiError, PreconditionFailedError } from '@/api/client';

export type FieldErrors = Record<string, string>;

export function useApiError() {
  const { t, te, locale } = useI18n();

  // Server messages are English: show them as they are in English, and the code's label in Chinese.
  function fieldMessage(code: string, message: string): string {
    const key = `errors.code.${code}`;
    if (locale.value === 'en') return message || (te(key) ? t(key) : code);
    return te(key) ? t(key) : message;
  }

  // Field errors of a validation problem, keyed by form field; empty for other errors.
  function fieldErrors(err: unknown): FieldErrors {
    const out: FieldErrors = {};
    if (!(err instanceof ApiError)) return out;
    for (const fe of err.fieldErrors) {
      const msg = fieldMessage(fe.code, fe.message);
      out[fe.field] = out[fe.field] ? `${out[fe.field]}; ${msg}` : msg;
    }
    return out;
  }

  function describe(err: unknown): string {
    if (!(err instanceof ApiError)) return t('errors.unknown', { status: '?' });
    if (err.fieldErrors.length && ['validation-failed', 'invalid-request', 'conflict'].includes(err.kind)) return t('errors.validation');
    switch (err.kind) {
      case 'network': return t('errors.network');
      case 'not-found': return t('errors.notFound');
      case 'permission-denied': return t('errors.forbidden');
      case 'conflict': return t('errors.conflict', { detail: err.problem.detail ?? '' });
      case 'rate-limited': return t('errors.rateLimited');
      case 'unavailable':
      case 'timeout': return t('errors.unavailable');
      case 'validation-failed':
      case 'invalid-request':
        return err.message;
      default: return err.problem.detail || t('errors.unknown', { status: err.status });
    }
  }

  function show(err: unknown): void {
    if (err instanceof ApiError && err.kind === 'unauthenticated') return; // the router takes over
    const id = err instanceof ApiError ? err.requestId : undefined;
    ElMessage({
      type: 'error',
      message: id ? `${describe(err)} · ${t('errors.requestId', { id })}` : describe(err),
      duration: 6000,
      showClose: true,
      grouping: true,
    });
    if (!(err instanceof ApiError)) console.error(err);
  }

  // 412: tell the user and offer to reload. Resolves true when they chose to reload.
  async function confirmReload(): Promise<boolean> {
    try {
      await ElMessageBox.confirm(t('errors.stale'), t('errors.staleTitle'), {
        type: 'warning',
        confirmButtonText: t('common.reload'),
        cancelButtonText: t('common.cancel'),
        closeOnClickModal: false,
      });
      return true;
    } catch {
      return false;
    }
  }

  // A 412 (someone changed the record meanwhile): `close` runs first (a dialog that sent the stale
  // version), then the user is offered to reload. Resolves true when `err` was a 412.
  async function reloadIfStale(err: unknown, reload: () => Promise<unknown>, close?: () => void): Promise<boolean> {
    if (!(err instanceof PreconditionFailedError)) return false;
    close?.();
    if (await confirmReload()) await reload();
    return true;
  }

  return { fieldErrors, describe, show, confirmReload, reloadIfStale };
}
