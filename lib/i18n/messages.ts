import type { it } from './it';

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** The shape every language must fill: the Italian dictionary's keys. */
export type Messages = Widen<typeof it>;
