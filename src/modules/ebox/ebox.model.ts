import type { listDocuments } from './ebox.repository.ts';

/** The e-Box page's view model: one kept document as the list shows it (views import no repository). */
export type DocumentListRow = Awaited<ReturnType<typeof listDocuments>>[number];
