// Evaluates FEEL expressions with the feelin interpreter so the C# evaluator can be checked against it.
// Usage: node feelin-evaluate.mjs <path to feelin's entry module> <cases.json>
// cases.json holds [{ "expression": "...", "context": { ... } }, ...]; stdout receives one result per case:
// { "value": <JSON value> } or { "error": "<message>" }.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [feelinEntry, casesPath] = process.argv.slice(2);
const { evaluate } = await import(pathToFileURL(feelinEntry).href);
const cases = JSON.parse(readFileSync(casesPath, 'utf8'));

// Temporal values, ranges and functions are not plain JSON; the generated expressions wrap temporal results
// in string(), so anything non-plain left here is reported by type name to make a mismatch visible.
function toJson(value) {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJson(v)]));
  }
  return { unsupported: String(value?.constructor?.name ?? typeof value) };
}

const results = cases.map(({ expression, context }) => {
  try {
    const result = evaluate(expression, context ?? {});
    return { value: toJson(result.value) };
  } catch (error) {
    return { error: String(error?.message ?? error) };
  }
});

process.stdout.write(JSON.stringify(results));
