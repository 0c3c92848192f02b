// A dialog that edits a model and saves it once: a fresh model and Idempotency-Key per opening (a
// double click creates one record), client-side checks, field errors from the server next to the
// fields, other errors as a message. `submit` gets the model and the key; its result goes to `done`.
import { reactive, ref, type Ref } from 'vue';
import { useApiError, type FieldErrors } from './useApiError';
import { randomKey } from '@/utils/format';

export interface FormDialogOptions<M, R> {
  blank: () => M;
  submit: (model: M, idempotencyKey: string) => Promise<R>;
  done?: (result: R) => void | Promise<void>;
  // Client-side checks: the errors to show, or a boolean (false: stop, the form shows its own errors).
  validate?: (model: M) => FieldErrors | boolean | Promise<FieldErrors | boolean>;
  opened?: (model: M) => void;
}

export function useFormDialog<M extends object, R>(opts: FormDialogOptions<M, R>) {
  const { show, fieldErrors } = useApiError();
  const visible = ref(false);
  const saving = ref(false);
  const errors = ref<FieldErrors>({});
  const model = reactive({ value: opts.blank(), key: '' }) as { value: M; key: string };

  function open(initial?: Partial<M>) {
    model.value = { ...opts.blank(), ...(initial ?? {}) };
    model.key = randomKey();
    errors.value = {};
    visible.value = true;
    opts.opened?.(model.value);
  }

  async function save(): Promise<boolean> {
    errors.value = {};
    const checked = opts.validate ? await opts.validate(model.value) : true;
    if (checked === false) return false;
    if (typeof checked === 'object' && Object.keys(checked).length) {
      errors.value = checked;
      return false;
    }
    saving.value = true;
    try {
      const result = await opts.submit(model.value, model.key);
      visible.value = false;
      await opts.done?.(result);
      return true;
    } catch (e) {
      errors.value = fieldErrors(e);
      show(e);
      return false;
    } finally {
      saving.value = false;
    }
  }

  // Drops a field's error (once the user changed the field).
  function clearError(field: string) {
    if (!errors.value[field]) return;
    const { [field]: _, ...rest } = errors.value;
    errors.value = rest;
  }

  return { visible, saving, errors: errors as Ref<FieldErrors>, model, open, save, clearError };
}
