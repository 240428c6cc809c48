/**
 * Polls until `probe` stops throwing; the wait is a means, never the assertion. The bound is
 * generous: integration tests share two cores with the broker, the database and Keycloak.
 */
export async function eventually<T>(probe: () => Promise<T> | T, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await probe();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
