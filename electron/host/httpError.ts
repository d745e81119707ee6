/**
 * A refusal the web host answers with its status and a one-line message (uploads, export slots).
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
