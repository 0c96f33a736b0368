import multipart, { type Multipart, type MultipartFile } from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withTransaction } from '../db/database.ts';
import { translator } from '../i18n/i18n.ts';
import type { Language } from '../i18n/language.ts';
import { eboxStateByKbo, findByIdempotencyKey, findForSender, listMessageTypes, publicationMoments } from '../modules/ebox/ebox.repository.ts';
import { MAX_PDF_BYTES, type PdfRefusal } from '../modules/ebox/files/pdf-check.ts';
import { type MessageInputCode, type MessageInputError, MAX_SUBJECT_LENGTH, checkMessageInput } from '../modules/ebox/message-input.ts';
import { LEGISLATIONS, MAX_FILES_PER_MESSAGE, MESSAGE_TYPES } from '../modules/ebox/message-types.ts';
import { publishMessage } from '../modules/ebox/publish.ts';
import { recipientByKbo } from '../modules/ebox/recipients.ts';
import { fileStoreOf } from '../modules/ebox/store-of.ts';
import { brusselsDay } from '../modules/shared/brussels-time.ts';
import type { ApiInstance, ApiScope } from './api.scope.ts';
import { noteCall } from './api-calls.ts';
import { PROBLEM_TYPES, type Problem, jsonResponse, problem, problemLanguage, problemResponse, problemSchema, sendProblem } from './problem.ts';
import { security } from './scopes.ts';

/**
 * The e-Box operations of the API (issue 16, portal.md §4.3–§4.5): publication as the e-Box Enterprise
 * document-sender API does it (multipart: a JSON part `messageToPublish` and one part per file, `Idempotency-Key`
 * required), and the reading operations POD MI asks for (a message's read state, an organisation's last visit).
 *
 * Statuses of a publication, in the order they are decided:
 * - 401/403: no valid token, or one without `ebox:publish` (the scope's hooks);
 * - 400: `Idempotency-Key` missing or invalid;
 * - 409: the same sender application published with this key already — whatever the content, before the body is read;
 * - 400: not multipart, a malformed body, an unknown or repeated part, a seventh file part, `messageToPublish` not
 *   JSON or not of the schema, a part not referenced or a referenced part missing, invalid metadata (every error
 *   listed in `errors`);
 * - 413: a file over 20 MB (or a `messageToPublish` over 64 kB);
 * - 415: a file that is not a PDF by its content (whatever its name or declared type);
 * - 422: a PDF refused for what it holds — JavaScript, embedded files, a Launch action, encryption — or one that
 *   does not parse: it is a PDF by its media type (415 would say the client sent the wrong type), but its content
 *   cannot be processed; then an unknown or MERGED recipient (the body names the successor). A DISAPPEARING
 *   recipient is accepted (portal.md §4.4).
 * When the files and the metadata both fail, the status is the first of 413, 415, 400, 422 and `errors` lists all.
 */

export const EBOX_PROBLEM_TYPES = {
  invalidRequest: PROBLEM_TYPES.invalidRequest,
  idempotencyKey: 'urn:uniek-verslag:problem:idempotency-key',
  duplicate: 'urn:uniek-verslag:problem:idempotency-key-reused',
  fileTooLarge: 'urn:uniek-verslag:problem:file-too-large',
  notPdf: 'urn:uniek-verslag:problem:not-a-pdf',
  pdfRefused: 'urn:uniek-verslag:problem:pdf-refused',
  recipientUnknown: 'urn:uniek-verslag:problem:recipient-unknown',
  recipientMerged: 'urn:uniek-verslag:problem:recipient-merged',
} as const;

/** The multipart part that holds the message's metadata (e-Box Enterprise's name). */
export const MESSAGE_PART = 'messageToPublish';
/** The largest `messageToPublish` part. */
export const MAX_MESSAGE_PART_BYTES = 64 * 1024;
/** The most parts a publication may have: the JSON part, six files, and some room to name the excess precisely. */
const MAX_FILE_PARTS = MAX_FILES_PER_MESSAGE + 4;
const MAX_FIELD_PARTS = 4;

/** RFC 8941 sf-string characters (printable ASCII): the key as a quoted sf-string ("…", as the Idempotency-Key draft sends it) or bare. */
const SF_STRING = /^"((?:[\x20\x21\x23-\x5B\x5D-\x7E]|\\["\\])*)"$/;
const BARE_KEY = /^[\x20-\x7E]+$/;

/** The idempotency key of a header value, or undefined when it is no RFC 8941 string of 1–200 characters. */
export function idempotencyKeyOf(raw: string): string | undefined {
  const quoted = SF_STRING.exec(raw);
  const key = quoted ? quoted[1].replace(/\\(["\\])/g, '$1') : raw.startsWith('"') ? undefined : raw;
  if (key === undefined || key.length < 1 || key.length > 200 || !BARE_KEY.test(key)) return undefined;
  return key;
}

const KBO = z
  .string()
  .regex(/^\d{10}$/)
  .describe('enterprise number (KBO/BCE), ten digits without dots, e.g. 0212000123');

export const messageToPublishSchema = z
  .strictObject({
    recipient: z.strictObject({ enterpriseNumber: KBO }).describe('the OCMW that receives the message (ACTIVE or DISAPPEARING; not MERGED)'),
    messageTypeId: z
      .string()
      .max(60)
      .describe(`the document type (portal.md §4.2): ${MESSAGE_TYPES.join(', ')}`),
    legislation: z.enum(LEGISLATIONS).describe('the legislation; one of those of the document type'),
    period: z.string().max(20).nullable().optional().describe('a month (YYYY-MM) or a report year (YYYY)'),
    subject: z
      .strictObject({
        nl: z.string().max(10_000).meta({ maxLength: MAX_SUBJECT_LENGTH }),
        fr: z.string().max(10_000).meta({ maxLength: MAX_SUBJECT_LENGTH }),
        de: z.string().max(10_000).nullable().optional().meta({ maxLength: MAX_SUBJECT_LENGTH }),
      })
      .describe(`the subject per language: Dutch and French required, German optional; at most ${MAX_SUBJECT_LENGTH} characters each`),
    attachments: z
      .array(
        z.strictObject({
          httpPartName: z
            .string()
            .regex(/^[A-Za-z0-9._-]{1,100}$/)
            .describe('the name of the multipart part that holds the file'),
          fileName: z.string().max(1000).meta({ maxLength: 255 }).describe('the file name shown to the OCMW (UTF-8, no / or \\)'),
          isMainContent: z.boolean().describe('exactly one attachment is the main content'),
        }),
      )
      .max(100)
      .meta({ minItems: 1, maxItems: MAX_FILES_PER_MESSAGE })
      .describe(`1–${MAX_FILES_PER_MESSAGE} PDF files (checked by content, at most 20 MB each), exactly one of them the main content`),
  })
  .meta({ id: 'MessageToPublish' });

export type MessageToPublishJson = z.infer<typeof messageToPublishSchema>;

/** The multipart body, for the OpenAPI document: the JSON part and the binary parts its attachments name. */
const publicationBody = z
  .object({ [MESSAGE_PART]: messageToPublishSchema })
  .catchall(
    z
      .string()
      .meta({ format: 'binary', contentMediaType: 'application/pdf' })
      .describe('one part per attachment, named by its httpPartName: the PDF file (at most 20 MB)'),
  )
  .describe(`multipart/form-data: the part ${MESSAGE_PART} (application/json) and one binary part per attachment`);

const publicationHeaders = z.looseObject({
  'idempotency-key': z
    .string()
    .min(1)
    .max(202)
    .regex(/^[\x20-\x7E]+$/)
    .describe(
      'RFC 8941 string (a quoted sf-string, or the bare characters), 1–200 printable ASCII characters; a UUID is recommended. The same sender application and key again answers 409 with the first message id, whatever the content.',
    ),
});

const errorItem = z.object({
  in: z.string().describe('body: the request body; header: a header'),
  pointer: z.string().describe('JSON pointer into the body: /messageToPublish/… for the JSON part, /<part name> for a file part'),
  message: z.string().describe("what is wrong, in the client's language"),
  code: z.string().optional().describe('machine-readable rule: a zod issue code, or one of the e-Box input codes (type_unknown, pdf_refused…)'),
});

const eboxProblemSchema = problemSchema
  .extend({
    errors: z.array(errorItem).optional().describe('every error found in the message (400, 413, 415, 422 for files)'),
    messageId: z.uuid().optional().describe('409: the id of the message published with this idempotency key before'),
    successor: z
      .object({ enterpriseNumber: z.string(), name: z.string().optional() })
      .optional()
      .describe('422 for a MERGED recipient: the OCMW it merged into'),
  })
  .meta({ id: 'EboxProblem' });

function eboxProblemResponse(description: string) {
  return { description, content: { 'application/problem+json': { schema: eboxProblemSchema } } };
}

const publishedSchema = z
  .object({
    id: z.uuid().describe('the message id (also in the Location header)'),
    publishedAt: z.iso.datetime(),
    expiresAt: z.iso.datetime().describe('the end of validity: publishedAt plus the validity of the document type'),
  })
  .meta({ id: 'PublishedMessage' });

const messageSchema = z
  .object({
    id: z.uuid(),
    recipient: z.object({ enterpriseNumber: z.string() }),
    senderApplication: z.string(),
    messageTypeId: z.string(),
    legislation: z.enum(LEGISLATIONS),
    period: z.string().nullable(),
    subject: z.object({ nl: z.string(), fr: z.string(), de: z.string().nullable() }),
    attachments: z.array(
      z.object({
        position: z.number().int(),
        fileName: z.string(),
        isMainContent: z.boolean(),
        sizeBytes: z.number().int(),
        sha256: z.string().nullable().describe('null once the files were deleted at the expiry'),
      }),
    ),
    publishedAt: z.iso.datetime(),
    expiresAt: z.iso.datetime(),
    filesDeleted: z.boolean().describe('the validity ended and the files were deleted'),
    read: z.boolean().describe('someone of the organisation opened the message'),
    firstReadAt: z.iso.datetime().nullable().describe('when it was first opened (no reader named: portal.md §4.5)'),
  })
  .meta({ id: 'EboxMessage' });

const organisationEboxSchema = z
  .object({
    enterpriseNumber: z.string(),
    lastVisitAt: z.iso.datetime().nullable().describe("the last visit of the organisation's e-Box by someone of it, if any"),
    unread: z.number().int().describe('messages of the organisation nobody of it opened yet'),
  })
  .meta({ id: 'OrganisationEbox' });

const COMMON = {
  400: problemResponse('A parameter the operation does not know, or one that breaks its rules'),
  401: problemResponse('No bearer token, or one the API does not know'),
  403: problemResponse('The token does not grant the scope of the operation'),
  429: problemResponse('Too many requests from this client; see Retry-After'),
};

/** The texts of the e-Box input codes in problems (literal keys: the i18n check reads them here). */
const INPUT_TEXTS: Record<MessageInputCode | 'part_name_twice', string> = {
  type_unknown: 'api.ebox.input.type_unknown',
  legislation_not_for_type: 'api.ebox.input.legislation_not_for_type',
  period_invalid: 'api.ebox.input.period_invalid',
  subject_required: 'api.ebox.input.subject_required',
  subject_too_long: 'api.ebox.input.subject_too_long',
  files_none: 'api.ebox.input.files_none',
  files_too_many: 'api.ebox.input.files_too_many',
  main_file_one: 'api.ebox.input.main_file_one',
  file_name_invalid: 'api.ebox.input.file_name_invalid',
  file_too_large: 'api.ebox.input.file_too_large',
  pdf_refused: 'api.ebox.input.pdf_refused',
  part_name_twice: 'api.ebox.input.part_name_twice',
};

const PDF_TEXTS: Record<PdfRefusal, string> = {
  not_pdf: 'api.ebox.pdf.not_pdf',
  too_large: 'api.ebox.pdf.too_large',
  damaged: 'api.ebox.pdf.damaged',
  encrypted: 'api.ebox.pdf.encrypted',
  javascript: 'api.ebox.pdf.javascript',
  embedded_files: 'api.ebox.pdf.embedded_files',
  launch_action: 'api.ebox.pdf.launch_action',
};

/** The problems of this module: type, status and title key; the detail key is given per answer. */
const PROBLEMS = {
  idempotencyKey: { status: 400, type: EBOX_PROBLEM_TYPES.idempotencyKey, title: 'api.ebox.problem.idempotency_key.title' },
  duplicate: { status: 409, type: EBOX_PROBLEM_TYPES.duplicate, title: 'api.ebox.problem.duplicate.title' },
  invalid: { status: 400, type: EBOX_PROBLEM_TYPES.invalidRequest, title: 'api.ebox.problem.invalid.title' },
  fileTooLarge: { status: 413, type: EBOX_PROBLEM_TYPES.fileTooLarge, title: 'api.ebox.problem.file_too_large.title' },
  notPdf: { status: 415, type: EBOX_PROBLEM_TYPES.notPdf, title: 'api.ebox.problem.not_pdf.title' },
  pdfRefused: { status: 422, type: EBOX_PROBLEM_TYPES.pdfRefused, title: 'api.ebox.problem.pdf_refused.title' },
  recipientUnknown: { status: 422, type: EBOX_PROBLEM_TYPES.recipientUnknown, title: 'api.ebox.problem.recipient_unknown.title' },
  recipientMerged: { status: 422, type: EBOX_PROBLEM_TYPES.recipientMerged, title: 'api.ebox.problem.recipient_merged.title' },
  notFound: { status: 404, type: 'about:blank', title: 'api.ebox.problem.not_found.title' },
} as const;

type ProblemName = keyof typeof PROBLEMS;
type ErrorItem = z.infer<typeof errorItem>;
type Params = Record<string, string | number>;

interface Refusal {
  name: ProblemName;
  detail: string;
  params?: Params;
  errors?: ErrorItem[];
  extra?: Record<string, unknown>;
}

function languageOf(request: FastifyRequest): Language {
  return request.apiClient?.language ?? problemLanguage(request) ?? 'nl';
}

/** Sends one of the e-Box problems in the client's language, and notes it in the call's audit row. */
function refuse(request: FastifyRequest, reply: FastifyReply, refusal: Refusal): FastifyReply {
  const spec = PROBLEMS[refusal.name];
  const lang = languageOf(request);
  const t = translator(lang);
  const body = {
    ...problem(request, spec.status, t(refusal.detail, refusal.params ?? {}), { type: spec.type, title: t(spec.title) }),
    ...(refusal.errors ? { errors: refusal.errors } : {}),
    ...refusal.extra,
  } as Problem;
  noteCall(request, { problem: spec.type === 'about:blank' ? String(spec.status) : spec.type.replace(/^urn:uniek-verslag:problem:/, '') });
  reply.header('content-language', lang);
  return sendProblem(reply, body);
}

/** What the multipart body held: the JSON part, the file parts by name (in their order), or why it was refused. */
type ReadBody = { ok: true; json: unknown; files: Map<string, { bytes: Buffer; fileName: string }> } | { ok: false; refusal: Refusal };

async function drain(part: MultipartFile): Promise<void> {
  for await (const _ of part.file) {
    // discarded
  }
}

function isLimitError(error: unknown): error is { code: string } {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'FST_PARTS_LIMIT' || code === 'FST_FILES_LIMIT' || code === 'FST_FIELDS_LIMIT';
}

/**
 * Reads the multipart body once, to its end (so the connection stays usable whatever the answer): the JSON part, and
 * each file into a Buffer — at most six; a seventh file part is drained and named in the refusal. The first refusal
 * found is kept; the rest of the body is read and discarded.
 */
async function readPublication(request: FastifyRequest): Promise<ReadBody> {
  let refusal: Refusal | undefined;
  let json: unknown;
  let jsonSeen = false;
  const files = new Map<string, { bytes: Buffer; fileName: string }>();
  const seen = new Set<string>();
  let fileParts = 0;
  const tooManyParts: Refusal = { name: 'invalid', detail: 'api.ebox.problem.invalid.too_many_parts', params: { max: MAX_FILES_PER_MESSAGE } };
  try {
    for await (const part of request.parts() as AsyncIterableIterator<Multipart>) {
      const name = part.fieldname;
      if (refusal) {
        if (part.type === 'file') await drain(part);
        continue;
      }
      if (seen.has(name)) {
        refusal = { name: 'invalid', detail: 'api.ebox.problem.invalid.part_twice', params: { part: name.slice(0, 100) } };
        if (part.type === 'file') await drain(part);
        continue;
      }
      seen.add(name);
      if (name === MESSAGE_PART) {
        jsonSeen = true;
        let text: string;
        if (part.type === 'file') {
          const bytes = await part.toBuffer().catch(() => undefined);
          if (!bytes || bytes.length > MAX_MESSAGE_PART_BYTES) {
            refusal = { name: 'fileTooLarge', detail: 'api.ebox.problem.file_too_large.json', params: { kilobytes: MAX_MESSAGE_PART_BYTES / 1024 } };
            continue;
          }
          text = bytes.toString('utf8');
        } else {
          if (part.valueTruncated) {
            refusal = { name: 'fileTooLarge', detail: 'api.ebox.problem.file_too_large.json', params: { kilobytes: MAX_MESSAGE_PART_BYTES / 1024 } };
            continue;
          }
          // @fastify/multipart parses a field declared application/json itself; any other field is text.
          if (typeof part.value !== 'string') {
            json = part.value;
            continue;
          }
          text = part.value;
        }
        try {
          json = JSON.parse(text);
        } catch {
          refusal = { name: 'invalid', detail: 'api.ebox.problem.invalid.json_invalid' };
        }
        continue;
      }
      if (part.type !== 'file') {
        refusal = { name: 'invalid', detail: 'api.ebox.problem.invalid.unknown_field', params: { part: name.slice(0, 100) } };
        continue;
      }
      fileParts++;
      if (fileParts > MAX_FILES_PER_MESSAGE) {
        refusal = {
          name: 'invalid',
          detail: 'api.ebox.problem.invalid.too_many_files',
          params: { part: name.slice(0, 100), count: fileParts, max: MAX_FILES_PER_MESSAGE },
        };
        await drain(part);
        continue;
      }
      try {
        files.set(name, { bytes: await part.toBuffer(), fileName: part.filename });
      } catch (error) {
        if ((error as { code?: string }).code !== 'FST_REQ_FILE_TOO_LARGE') throw error;
        refusal = {
          name: 'fileTooLarge',
          detail: 'api.ebox.problem.file_too_large.detail',
          params: { part: name.slice(0, 100), megabytes: MAX_PDF_BYTES / 1024 / 1024 },
        };
      }
    }
  } catch (error) {
    // A limit of the parser, an unfinished or malformed body: unless a refusal was found before it.
    if (!refusal) {
      const code = (error as { code?: string }).code;
      if (code === 'FST_REQ_FILE_TOO_LARGE') {
        const part = (error as { part?: { fieldname?: string } }).part?.fieldname ?? '';
        refusal = {
          name: 'fileTooLarge',
          detail: 'api.ebox.problem.file_too_large.detail',
          params: { part: part.slice(0, 100), megabytes: MAX_PDF_BYTES / 1024 / 1024 },
        };
      } else if (isLimitError(error)) refusal = tooManyParts;
      else if (code === 'FST_INVALID_JSON_FIELD_ERROR') refusal = { name: 'invalid', detail: 'api.ebox.problem.invalid.json_invalid' };
      else {
        request.log.info({ err: error }, 'api e-Box publication: multipart body not read');
        refusal = { name: 'invalid', detail: 'api.ebox.problem.invalid.malformed' };
      }
    }
  }
  if (refusal) return { ok: false, refusal };
  if (!jsonSeen) return { ok: false, refusal: { name: 'invalid', detail: 'api.ebox.problem.invalid.json_missing' } };
  return { ok: true, json, files };
}

/** The zod issues of the JSON part as problem errors, in the client's language (zod's own locales). */
function schemaErrors(error: z.ZodError): ErrorItem[] {
  return error.issues.map((issue) => ({
    in: 'body',
    pointer: `/${MESSAGE_PART}${issue.path.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('')}`,
    message: issue.message,
    code: issue.code,
  }));
}

const ZOD_LOCALES = { nl: z.locales.nl, fr: z.locales.fr, de: z.locales.de } as const;

/** Where a checkMessageInput field is in the JSON part. */
function pointerOf(field: string): string {
  const file = /^file(\d+)$/.exec(field);
  if (file) return `/${MESSAGE_PART}/attachments/${Number(file[1]) - 1}`;
  const subject = /^subject_(nl|fr|de)$/.exec(field);
  if (subject) return `/${MESSAGE_PART}/subject/${subject[1]}`;
  const map: Record<string, string> = { messageType: 'messageTypeId', legislation: 'legislation', period: 'period', files: 'attachments' };
  return `/${MESSAGE_PART}/${map[field] ?? field}`;
}

function inputErrorItem(error: MessageInputError, lang: Language): ErrorItem {
  const t = translator(lang);
  const params: Params = { ...error.params };
  if (error.code === 'pdf_refused') params.reason = t(PDF_TEXTS[error.params?.reason as PdfRefusal] ?? PDF_TEXTS.damaged);
  return { in: 'body', pointer: pointerOf(error.field), message: t(INPUT_TEXTS[error.code], params), code: error.code };
}

/** A date of the database as the API shows it (ISO 8601, UTC). */
function iso(value: Date | string): string {
  return new Date(value).toISOString();
}

/** The route's validator: the zod schemas of the headers and parameters; the multipart body is read by the handler. */
function multipartValidator(route: Parameters<typeof validatorCompiler>[0]): ReturnType<typeof validatorCompiler> {
  return route.httpPart === 'body' ? () => ({ value: undefined }) : validatorCompiler(route);
}

export async function eboxRoutes({ api, deps, protect }: ApiScope) {
  const store = fileStoreOf(deps.config);

  // The publication, with its own multipart parser (the API scope has none): files bounded in number and size.
  await api.register(async (child) => {
    const scope = child as unknown as ApiInstance;
    await scope.register(multipart, {
      limits: {
        fieldNameSize: 200,
        fieldSize: MAX_MESSAGE_PART_BYTES,
        fields: MAX_FIELD_PARTS,
        fileSize: MAX_PDF_BYTES,
        files: MAX_FILE_PARTS,
        parts: MAX_FILE_PARTS + MAX_FIELD_PARTS,
        headerPairs: 20,
      },
      throwFileSizeLimit: true,
    });

    scope.post(
      '/ebox/messages',
      {
        onRequest: protect('ebox:publish'),
        attachValidation: true,
        // the route's own type is that of its schema; the compiler takes any of the route's parts
        validatorCompiler: multipartValidator as never,
        schema: {
          summary: "Publishes a message in an OCMW's e-Box",
          description: [
            'As the e-Box Enterprise document-sender API does it: a multipart/form-data body with the part messageToPublish (JSON,',
            'schema MessageToPublish) and one part per attachment, named by its httpPartName, holding the PDF. The header',
            'Idempotency-Key is required: the same sender application and key again answers 409 with the existing message id,',
            'whatever the content. Files are checked by their content: a PDF of at most 20 MB, parsable, without JavaScript,',
            'embedded files, Launch actions or encryption. 201 answers the message id, with Location: /api/v1/ebox/messages/{id}.',
            '415 when a file is no PDF at all; 422 for a PDF refused for what it holds or because it does not parse, and for a',
            'recipient that is unknown or MERGED (the problem names the successor). A DISAPPEARING recipient is accepted.',
          ].join(' '),
          tags: ['e-Box'],
          security: security('ebox:publish'),
          consumes: ['multipart/form-data'],
          headers: publicationHeaders,
          body: publicationBody,
          response: {
            ...COMMON,
            201: jsonResponse('Published: the message id, its publication and expiry', publishedSchema),
            400: eboxProblemResponse('Idempotency-Key missing or invalid; not multipart; invalid parts or metadata (every error in errors)'),
            409: eboxProblemResponse('The sender application published a message with this Idempotency-Key before: messageId names it'),
            413: eboxProblemResponse('A file over 20 MB'),
            415: eboxProblemResponse('A file that is not a PDF by its content'),
            422: eboxProblemResponse('A PDF refused for its content (JavaScript, embedded files, encrypted, does not parse); the recipient unknown or MERGED'),
          },
        },
      },
      async (request, reply) => {
        const client = request.apiClient!;
        const lang = languageOf(request);
        const raw = request.headers['idempotency-key'];
        if (request.validationError || typeof raw !== 'string') {
          const missing = raw === undefined;
          return refuse(request, reply, {
            name: 'idempotencyKey',
            detail: missing ? 'api.ebox.problem.idempotency_key.missing' : 'api.ebox.problem.idempotency_key.invalid',
          });
        }
        const key = idempotencyKeyOf(raw);
        if (key === undefined) return refuse(request, reply, { name: 'idempotencyKey', detail: 'api.ebox.problem.idempotency_key.invalid' });

        // The e-Box does not compare content: the same sender and key is a 409, decided before the body is read.
        const earlier = await findByIdempotencyKey(deps.db, client.senderApplication, key);
        if (earlier) return duplicate(request, reply, earlier.id);

        if (!request.isMultipart()) return refuse(request, reply, { name: 'invalid', detail: 'api.ebox.problem.invalid.not_multipart' });
        const read = await readPublication(request);
        if (!read.ok) return refuse(request, reply, read.refusal);

        const parsed = messageToPublishSchema.safeParse(read.json, { error: ZOD_LOCALES[lang]().localeError });
        if (!parsed.success) {
          const errors = schemaErrors(parsed.error);
          return refuse(request, reply, { name: 'invalid', detail: 'api.ebox.problem.invalid.json_schema', params: { count: errors.length }, errors });
        }
        const message = parsed.data;

        // The parts and the attachments name each other one to one.
        const named = new Set<string>();
        const twice: ErrorItem[] = [];
        for (const [index, a] of message.attachments.entries()) {
          if (named.has(a.httpPartName))
            twice.push({
              in: 'body',
              pointer: `/${MESSAGE_PART}/attachments/${index}/httpPartName`,
              message: translator(lang)(INPUT_TEXTS.part_name_twice, { part: a.httpPartName }),
              code: 'part_name_twice',
            });
          named.add(a.httpPartName);
        }
        if (twice.length > 0)
          return refuse(request, reply, { name: 'invalid', detail: 'api.ebox.problem.invalid.metadata', params: { count: twice.length }, errors: twice });
        const unreferenced = [...read.files.keys()].find((part) => !named.has(part));
        if (unreferenced !== undefined)
          return refuse(request, reply, { name: 'invalid', detail: 'api.ebox.problem.invalid.part_unreferenced', params: { part: unreferenced } });
        const missing = message.attachments.find((a) => !read.files.has(a.httpPartName));
        if (missing)
          return refuse(request, reply, {
            name: 'invalid',
            detail: 'api.ebox.problem.invalid.part_missing',
            params: { part: missing.httpPartName, file: missing.fileName.slice(0, 80) },
          });

        const files = message.attachments.map((a) => ({ name: a.fileName, bytes: read.files.get(a.httpPartName)!.bytes, isMain: a.isMainContent }));
        const types = (await listMessageTypes(deps.db)).map((t) => ({ code: t.code, legislations: t.legislations }));
        const inputErrors = await checkMessageInput(
          {
            messageType: message.messageTypeId,
            legislation: message.legislation,
            period: message.period ?? null,
            subjects: { nl: message.subject.nl, fr: message.subject.fr, de: message.subject.de ?? null },
            files,
          },
          types,
        );
        if (inputErrors.length > 0) {
          const errors = inputErrors.map((e) => inputErrorItem(e, lang));
          const partOf = (e: MessageInputError) => {
            const index = Number(/^file(\d+)$/.exec(e.field)?.[1] ?? 0) - 1;
            const a = message.attachments[index];
            return { part: a?.httpPartName ?? '', file: (a?.fileName ?? '').slice(0, 80) };
          };
          const reason = (e: MessageInputError) => e.params?.reason as PdfRefusal | undefined;
          const tooLarge = inputErrors.find((e) => e.code === 'file_too_large' || (e.code === 'pdf_refused' && reason(e) === 'too_large'));
          const notPdf = inputErrors.find((e) => e.code === 'pdf_refused' && reason(e) === 'not_pdf');
          const metadata = inputErrors.filter((e) => e.code !== 'pdf_refused' && e.code !== 'file_too_large');
          const refused = inputErrors.find((e) => e.code === 'pdf_refused');
          if (tooLarge)
            return refuse(request, reply, {
              name: 'fileTooLarge',
              detail: 'api.ebox.problem.file_too_large.detail',
              params: { part: partOf(tooLarge).part, megabytes: MAX_PDF_BYTES / 1024 / 1024 },
              errors,
            });
          if (notPdf) return refuse(request, reply, { name: 'notPdf', detail: 'api.ebox.problem.not_pdf.detail', params: partOf(notPdf), errors });
          if (metadata.length > 0)
            return refuse(request, reply, { name: 'invalid', detail: 'api.ebox.problem.invalid.metadata', params: { count: errors.length }, errors });
          if (refused) {
            const t = translator(lang);
            const because = t(PDF_TEXTS[reason(refused) ?? 'damaged']);
            return refuse(request, reply, {
              name: 'pdfRefused',
              detail: 'api.ebox.problem.pdf_refused.detail',
              params: { ...partOf(refused), reason: because },
              errors,
            });
          }
        }

        const now = deps.clock.now();
        const kbo = message.recipient.enterpriseNumber;
        const recipient = await recipientByKbo(deps.db, kbo, brusselsDay(now));
        if (recipient.kind === 'unknown')
          return refuse(request, reply, { name: 'recipientUnknown', detail: 'api.ebox.problem.recipient_unknown.detail', params: { kbo } });
        if (recipient.kind === 'merged') {
          if (!recipient.successorKbo)
            return refuse(request, reply, { name: 'recipientMerged', detail: 'api.ebox.problem.recipient_merged.no_successor', params: { kbo } });
          return refuse(request, reply, {
            name: 'recipientMerged',
            detail: 'api.ebox.problem.recipient_merged.detail',
            params: { kbo, successor: recipient.successorKbo, name: recipient.successorName ?? '' },
            extra: { successor: { enterpriseNumber: recipient.successorKbo, ...(recipient.successorName ? { name: recipient.successorName } : {}) } },
          });
        }

        const result = await withTransaction(deps.db, (tx) =>
          publishMessage(
            tx,
            store,
            {
              organisationId: recipient.organisationId,
              senderApplication: client.senderApplication,
              idempotencyKey: key,
              messageType: message.messageTypeId,
              legislation: message.legislation,
              period: message.period ?? null,
              subjects: { nl: message.subject.nl, fr: message.subject.fr, de: message.subject.de || null },
              files,
              publishedBy: { kind: 'client', clientId: client.id },
            },
            now,
          ),
        );
        // A concurrent publication with the same key won the race: the same answer as a repeated key.
        if (result.kind === 'duplicate') return duplicate(request, reply, result.id);
        const row = await publicationMoments(deps.db, result.id);
        noteCall(request, { message: result.id, ...(recipient.disappearing ? { recipient: 'DISAPPEARING' } : {}) });
        reply.header('location', `/api/v1/ebox/messages/${result.id}`);
        return reply.code(201).send({ id: result.id, publishedAt: iso(row.published_at), expiresAt: iso(row.expires_at) });
      },
    );
  });

  api.get(
    '/ebox/messages/:id',
    {
      onRequest: protect('ebox:read'),
      schema: {
        summary: 'A message this sender application published: its metadata and read state',
        description:
          'Whether and when the organisation first opened the message — never who (portal.md §4.5). Only the messages of the sender application of the client; another one is not found, like a missing one.',
        tags: ['e-Box'],
        security: security('ebox:read'),
        params: z.strictObject({ id: z.uuid().describe('the message id the publication answered') }),
        querystring: z.strictObject({}),
        response: {
          ...COMMON,
          200: jsonResponse('The message as published, with its read state', messageSchema),
          404: problemResponse('No message of this sender application with this id'),
        },
      },
    },
    async (request, reply) => {
      const client = request.apiClient!;
      const m = await findForSender(deps.db, client.senderApplication, request.params.id);
      if (!m) return refuse(request, reply, { name: 'notFound', detail: 'api.ebox.problem.not_found.message' });
      return {
        id: m.id,
        recipient: { enterpriseNumber: m.kbo },
        senderApplication: m.sender_application,
        messageTypeId: m.message_type,
        legislation: m.legislation,
        period: m.period,
        subject: { nl: m.subject_nl, fr: m.subject_fr, de: m.subject_de },
        attachments: m.files.map((a) => ({
          position: a.position,
          fileName: a.file_name,
          isMainContent: a.is_main,
          sizeBytes: Number(a.size_bytes),
          sha256: a.sha256,
        })),
        publishedAt: iso(m.published_at),
        expiresAt: iso(m.expires_at),
        filesDeleted: m.files_deleted_at !== null,
        read: m.first_read_at !== null,
        firstReadAt: m.first_read_at ? iso(m.first_read_at) : null,
      };
    },
  );

  api.get(
    '/organisations/:kbo/ebox',
    {
      onRequest: protect('ebox:read'),
      schema: {
        summary: "An OCMW's e-Box: its last visit and the messages nobody of it opened yet",
        description: 'The last visit of the e-Box by someone of the OCMW (no visitor named) and the number of its unread messages, of every sender.',
        tags: ['e-Box'],
        security: security('ebox:read'),
        params: z.strictObject({ kbo: KBO }),
        querystring: z.strictObject({}),
        response: {
          ...COMMON,
          200: jsonResponse("The OCMW's e-Box", organisationEboxSchema),
          404: problemResponse('No OCMW with this enterprise number'),
        },
      },
    },
    async (request, reply) => {
      const kbo = request.params.kbo;
      const state = await eboxStateByKbo(deps.db, kbo);
      if (!state) return refuse(request, reply, { name: 'notFound', detail: 'api.ebox.problem.not_found.organisation', params: { kbo } });
      return { enterpriseNumber: state.kbo, lastVisitAt: state.lastVisitAt ? iso(state.lastVisitAt) : null, unread: state.unread };
    },
  );
}

function duplicate(request: FastifyRequest, reply: FastifyReply, id: string): FastifyReply {
  noteCall(request, { message: id });
  return refuse(request, reply, {
    name: 'duplicate',
    detail: 'api.ebox.problem.duplicate.detail',
    params: { sender: request.apiClient!.senderApplication, id },
    extra: { messageId: id },
  });
}
