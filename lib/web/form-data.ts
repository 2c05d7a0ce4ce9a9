/* Reading a posted HTML form: a missing field is empty text, a checkbox is on or off. */

export function field(data: FormData, name: string): string {
  const value = data.get(name);
  return typeof value === 'string' ? value : '';
}

export function checked(data: FormData, name: string): boolean {
  return data.get(name) === 'on';
}
