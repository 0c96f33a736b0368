import type { outboxOverview } from './outbox.service.ts';

/** The outbox page's view model: the service fills it, the view renders it (views import no service). */
export type OutboxOverview = Awaited<ReturnType<typeof outboxOverview>>;
