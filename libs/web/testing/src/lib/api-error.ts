/** An error body as the api sends it (stable code, message in both languages, optional details). */
export function apiError(code: string, vi: string, en: string, details?: unknown) {
  return { code, message: { vi, en }, ...(details === undefined ? {} : { details }) };
}
