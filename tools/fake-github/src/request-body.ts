import { validationFailed } from './api-error';

/**
 * Reading JSON request bodies the way GitHub validates them: unknown fields
 * are ignored, a missing or mistyped known field is a 422 "Validation Failed"
 * naming the resource and field.
 */
export type JsonObject = Record<string, unknown>;

export function jsonObject(body: unknown, resource: string): JsonObject {
  if (body === undefined) return {};
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw validationFailed({ resource, field: '', code: 'invalid', message: 'the request body must be a JSON object' });
  return body as JsonObject;
}

export function requiredString(body: JsonObject, field: string, resource: string): string {
  const value = body[field];
  if (value === undefined || value === null) throw validationFailed({ resource, field, code: 'missing_field' });
  if (typeof value !== 'string') throw invalid(resource, field);
  return value;
}

/** undefined when absent; null when GitHub accepts null to clear the field. */
export function optionalString(body: JsonObject, field: string, resource: string): string | null | undefined {
  const value = body[field];
  if (value === undefined || value === null) return value;
  if (typeof value !== 'string') throw invalid(resource, field);
  return value;
}

export function optionalEnum<T extends string>(body: JsonObject, field: string, resource: string, allowed: readonly T[]): T | null | undefined {
  const value = optionalString(body, field, resource);
  if (value === undefined || value === null) return value;
  if (!(allowed as readonly string[]).includes(value)) throw invalid(resource, field);
  return value as T;
}

/** Labels as names or `{ name }` objects, both of which GitHub accepts. */
export function optionalLabels(body: JsonObject, resource: string): string[] | undefined {
  const value = body.labels;
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw invalid(resource, 'labels');
  return value.map((label: unknown) => {
    if (typeof label === 'string') return label;
    if (typeof label === 'object' && label !== null && typeof (label as JsonObject).name === 'string') return (label as { name: string }).name;
    throw invalid(resource, 'labels');
  });
}

function invalid(resource: string, field: string) {
  return validationFailed({ resource, field, code: 'invalid' });
}
