// Types of scripts/build-client.mjs, for the tests that build the bundle themselves.
export declare const CLIENT_ENTRY: string;
export declare const CLIENT_BUNDLE: string;
/** The bundle's text (nothing written). */
export declare function bundleClient(): Promise<string>;
/** Builds public/js/form-figures.js; returns its size in bytes. */
export declare function buildClient(): Promise<number>;
