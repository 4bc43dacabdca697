// API errors carry the Status the real API server returns; kubectl turns them into its
// familiar one-liners ("Error from server (NotFound): pods "x" not found").

export type StatusReason =
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Invalid'
  | 'Forbidden'
  | 'BadRequest'
  | 'MethodNotAllowed'
  | 'TooManyRequests'
  | 'InternalError'
  | 'ServiceUnavailable';

const CODES: Record<StatusReason, number> = {
  NotFound: 404,
  AlreadyExists: 409,
  Conflict: 409,
  Invalid: 422,
  Forbidden: 403,
  BadRequest: 400,
  MethodNotAllowed: 405,
  TooManyRequests: 429,
  InternalError: 500,
  ServiceUnavailable: 503,
};

export interface FieldCause {
  /** e.g. "FieldValueRequired" */
  reason: string;
  message: string;
  field: string;
}

export class ApiError extends Error {
  readonly code: number;
  constructor(
    readonly reason: StatusReason,
    message: string,
    readonly details: { name?: string; group?: string; kind?: string; causes?: FieldCause[] } = {},
  ) {
    super(message);
    this.code = CODES[reason];
  }
}

export function notFound(qualifiedResource: string, name: string): ApiError {
  return new ApiError('NotFound', `${qualifiedResource} "${name}" not found`, { name });
}

export function alreadyExists(qualifiedResource: string, name: string): ApiError {
  return new ApiError('AlreadyExists', `${qualifiedResource} "${name}" already exists`, { name });
}

export function conflict(qualifiedResource: string, name: string): ApiError {
  return new ApiError(
    'Conflict',
    `Operation cannot be fulfilled on ${qualifiedResource} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    { name },
  );
}

/** `Kind "name" is invalid: field: Reason: detail, field2: …` as the API server words it. */
export function invalid(kind: string, name: string, causes: FieldCause[]): ApiError {
  const list = causes.map((c) => `${c.field}: ${c.message}`);
  const joined = list.length === 1 ? list[0] : `[${list.join(', ')}]`;
  return new ApiError('Invalid', `${kind} "${name}" is invalid: ${joined}`, { name, kind, causes });
}

export function required(field: string): FieldCause {
  return { reason: 'FieldValueRequired', message: 'Required value', field };
}

export function invalidValue(field: string, value: unknown, detail: string): FieldCause {
  return { reason: 'FieldValueInvalid', message: `Invalid value: ${JSON.stringify(value)}: ${detail}`, field };
}
