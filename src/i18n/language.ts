/** The languages of the application: Dutch, French and German (German falls back to French, then Dutch). */
export type Language = 'nl' | 'fr' | 'de';
