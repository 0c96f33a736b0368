import type { findMessage, listMessages } from './ebox.repository.ts';

/** The e-Box pages' view models (views import no repository). */
export type MessageListRow = Awaited<ReturnType<typeof listMessages>>['rows'][number];
export type MessageDetail = NonNullable<Awaited<ReturnType<typeof findMessage>>>;
