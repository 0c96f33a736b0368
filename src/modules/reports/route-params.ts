import { Uuid } from '../../platform/schemas.ts';
import { OcmwParams } from '../organisations/ocmw-scope.ts';

/** The path of a form page, /ocmw/{kbo}/forms/{campaignId}/…: a campaign id that is not a UUID names no form (404). */
export const FormParams = OcmwParams.extend({ campaignId: Uuid });
