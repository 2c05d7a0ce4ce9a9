export interface InviteFormState {
  values: Record<string, string>;
  errors: string[];
  notice: string | null;
}
