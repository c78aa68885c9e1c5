import { HttpError } from '../http';

/** A media route's refusal (the server's `{ error: { code, message } }` shape). */
export class MediaHttpError extends HttpError {
  declare readonly code: string;
}
