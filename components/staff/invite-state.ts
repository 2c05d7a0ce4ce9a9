/** One refused field (or file line), linked from the error summary to the input it concerns. */
export interface InviteFormError {
  field: string;
  message: string;
  /** The id of the input the summary's link moves to; none when no field is at fault (a refused caller). */
  target?: string;
}

export interface InviteFormState {
  values: Record<string, string>;
  errors: InviteFormError[];
  notice: string | null;
}
