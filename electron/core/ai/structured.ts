/** Reading a structured answer: JSON first, then the zod schema, each failure in words. */
import { z } from 'zod';
import { AiError } from './errors';
import type { StructuredSpec } from './types';

export function jsonSchemaOf(spec: StructuredSpec<unknown>): Record<string, unknown> {
  if (spec.jsonSchema) return spec.jsonSchema;
  const { $schema: _drop, ...schema } = z.toJSONSchema(spec.zod, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return schema;
}

export function parseStructured<T>(raw: string, spec: StructuredSpec<T>, name: string, cutOff: boolean): T {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    const why = cutOff ? 'it was cut off before the end (raise the answer length)' : 'it is not valid JSON';
    throw new AiError('malformed_answer', `${name}'s answer could not be read: ${why}.`);
  }
  const parsed = spec.zod.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : 'the answer'}: ${i.message}`);
  throw new AiError('invalid_answer', `${name}'s answer did not have the expected shape — ${issues.join('; ')}.`, { issues });
}
