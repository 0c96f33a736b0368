import type { findPublished, listPublished } from './ebox-admin.repository.ts';

/** The back-office e-Box pages' view models (views import no repository). */
export type PublishedList = Awaited<ReturnType<typeof listPublished>> & { page: number; pages: number };
export type PublishedMessage = NonNullable<Awaited<ReturnType<typeof findPublished>>>;
