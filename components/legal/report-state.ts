/* The accessibility report form's state between the browser and its server action. */
export interface ReportFormState {
  values: { name: string; email: string; page: string; description: string };
  /** Translated reasons, by field (`form` for the whole form). */
  errors: Record<string, string>;
  sent: boolean;
}
