/* The message form's state between the browser and its server action. */
export interface MessageFormValues {
  title: string;
  description: string;
  themes: number[];
  language: string;
  mediaId: string | null;
  consentGiven: boolean;
  minorsShown: boolean;
}

export interface MessageFormState {
  values: MessageFormValues;
  errors: Record<string, string>;
  notice: string | null;
  /**
   * Where to go after success. The browser navigates there itself (not a server
   * redirect) so the address passes through the language proxy like any visit.
   */
  redirectTo?: string;
}
