/**
 * A change made straight through an emulator's API, as an admin in a console would make it (the
 * out-of-band edits drift tests look for). Any status of 400 or more fails the test.
 */
export async function callAdminApi(url: string, method: string, headers: Record<string, string>, body?: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(url, { method, headers: { "content-type": "application/json", ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (response.status >= 400) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}
