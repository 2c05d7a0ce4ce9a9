import type { MessageFormInput } from '@/lib/messages/form';

/* The message form's state between the browser and its server action. */
export interface MessageFormState {
  values: MessageFormInput;
  errors: Record<string, string>;
  /** Where the browser goes after success (see useFullNavigation). */
  redirectTo?: string;
}
