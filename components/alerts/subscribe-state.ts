/* The alerts sign-up form's state between the browser and its server action. */
export interface SubscribeFormState {
  values: { email: string; frequency: string };
  /** Translated reasons, by field (`form` for the whole form). */
  errors: Record<string, string>;
  sent: boolean;
}
