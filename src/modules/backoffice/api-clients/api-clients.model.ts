/** One API client as the back office lists it. */
export interface ApiClientRow {
  id: string;
  clientId: string;
  name: string;
  senderApplication: string;
  scopes: string[];
  language: string;
  keySource: 'jwks' | 'jwks_uri';
  jwksUri: string | null;
  createdAt: Date;
  createdBy: string | null;
  revokedAt: Date | null;
  revokedBy: string | null;
  lastCallAt: Date | null;
}
