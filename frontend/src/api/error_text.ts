// The message of a failed API answer: the `error` of its JSON body (`{"error": "..."}`, as tbx
// answers a bad request), else the body as it is. Pure; any thread (the projector's worker too).

export function serverErrorText(body: string): string {
  try {
    return (JSON.parse(body) as { error?: string }).error ?? body;
  } catch {
    return body; // Plain-text error body.
  }
}
