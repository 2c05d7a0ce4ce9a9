/* A message's editorial steps, oldest first, as the mayor's and the staff's timelines show them. */
export const EDITORIAL_TIMELINE = {
  orderBy: { at: 'asc' },
  select: { to: true, event: true, reason: true, at: true, actor: { select: { name: true, role: true } } },
} as const;
