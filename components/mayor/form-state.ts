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
}
