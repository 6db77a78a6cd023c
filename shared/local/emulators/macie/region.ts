// One local endpoint stands for Macie in several regions. A real client signs every request for the
// region it is configured with (`Credential=<key>/<date>/<region>/macie2/aws4_request`), so the
// credential scope says which regional endpoint the request was meant for, without any header or
// host name the real client would not send.

/**
 * Reads the region of a SigV4 `Authorization` header's credential scope; undefined when the header
 * has none.
 *
 * @param authorization - the header value, if any
 */
export function regionFromAuthorization(authorization: string | undefined): string | undefined {
  return /Credential=[^/,\s]+\/\d{8}\/([a-z0-9-]+)\//.exec(authorization ?? '')?.[1];
}
